import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenLinks, filesUnder, headingsOf, ROOT, readRepoFile } from './markdown';

/**
 * The repository stands alone: code comments cite `docs/` (ocpi-notes §X.Y, docs/architecture.md
 * "Section", README "Admin API"), and those targets must exist as headings; links between the documents
 * must resolve. A refactoring that moves a file named in the docs shows up here, not in a reader's
 * confusion.
 */

const CODE_DIRS = ['functions', 'infra', 'cli', 'test', 'bench'];
const DOCS = [
  'README.md',
  'bench/README.md',
  'docs/architecture.md',
  'docs/ocpi-2.1.1-translation.md',
  'docs/ocpi-notes.md',
  'docs/operations.md',
  'test/fixtures/ocpi-examples/README.md',
];

const codeFiles = CODE_DIRS.flatMap((dir) => filesUnder(dir, '.ts'));
const codeText = codeFiles.map((file) => ({ file, text: readRepoFile(file) }));

/** Every `§N` of a citation that starts with `ocpi-notes`, up to the end of its parenthesis. */
function citedNoteSections(): Map<string, string> {
  const cited = new Map<string, string>();
  for (const { file, text } of codeText) {
    for (const m of text.matchAll(/ocpi-notes[\s*]*(§[^)]*)/g)) {
      for (const [, section] of (m[1] as string).matchAll(/§(\d+(?:\.\d+)*)/g)) {
        if (section && !cited.has(section)) cited.set(section, file);
      }
    }
  }
  return cited;
}

function numberedSections(markdown: string): Set<string> {
  return new Set(headingsOf(markdown).flatMap((h) => /^(\d+(?:\.\d+)*) /.exec(h)?.[1] ?? []));
}

function citedHeadings(pattern: RegExp): Map<string, string> {
  const cited = new Map<string, string>();
  for (const { file, text } of codeText) {
    // A heading cited across a comment's line break reads as one line.
    for (const m of text.matchAll(pattern)) cited.set((m[1] as string).replace(/\s*\n\s*\*?\s*/g, ' '), file);
  }
  return cited;
}

describe('documentation references', () => {
  it('has a numbered heading in docs/ocpi-notes.md for every ocpi-notes section the code cites', () => {
    // Prepare
    const sections = numberedSections(readRepoFile('docs/ocpi-notes.md'));

    // Act
    const missing = [...citedNoteSections()].filter(([section]) => !sections.has(section));

    // Assess
    expect(citedNoteSections().size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('has a heading in docs/architecture.md for every section the code cites', () => {
    // Prepare
    const headings = new Set(headingsOf(readRepoFile('docs/architecture.md')));

    // Act
    const cited = citedHeadings(/docs\/architecture\.md \x22([^\x22]+)\x22/g);
    const missing = [...cited].filter(([heading]) => !headings.has(heading));

    // Assess
    expect(cited.size).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('has a heading in README.md for every README section the code cites', () => {
    // Prepare
    const headings = new Set(headingsOf(readRepoFile('README.md')));

    // Act
    const cited = citedHeadings(/README \x22([^\x22]+)\x22/g);
    const missing = [...cited].filter(([heading]) => !headings.has(heading));

    // Assess
    expect(cited.size).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('cites no document outside the repository', () => {
    // Act
    const outside = codeText
      .filter(({ text }) => /digest \u00a7|design\.md|\.\.\/shared|shared\/ocpi/.test(text))
      .map(({ file }) => file);

    // Assess
    expect(outside).toEqual([]);
  });

  it.each(DOCS)('resolves every relative link of %s', (file) => {
    // Act
    const broken = brokenLinks(file);

    // Assess
    expect(broken).toEqual([]);
  });

  it.each(['docs/architecture.md', 'README.md'])('names only files that exist in %s', (file) => {
    // Prepare: backticked paths such as `functions/hub/routing/forwarder.ts` or, in the architecture
    // document, `hub/routing/forwarder.ts` (below functions/). Patterns with * or {} are not checked.
    const paths = [...readRepoFile(file).matchAll(/`([\w./-]+\/[\w.-]*)`/g)]
      .map((m) => m[1] as string)
      .filter((p) => !p.startsWith('.') && /\.(ts|md|json)$|\/$/.test(p));

    // Act
    const missing = paths.filter(
      (p) => !existsSync(join(ROOT, p)) && !existsSync(join(ROOT, 'functions', p)),
    );

    // Assess
    expect(paths.length).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });
});
