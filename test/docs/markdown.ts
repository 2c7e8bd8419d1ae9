import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever directory the tests run from. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const readRepoFile = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** Every file below `dir` (repository-relative), generated and installed folders left out. */
export function filesUnder(dir: string, extension: string): string[] {
  const names = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' });
  return names
    .filter((name) => name.endsWith(extension) && !/(^|\/)(node_modules|cdk\.out|\.hub-data)\//.test(name))
    .map((name) => join(dir, name));
}

/** Text of the `##`..`####` headings of a markdown document, in order. */
export function headingsOf(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,4} +(.+?) *$/gm)].map((m) => m[1] as string);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

export interface BrokenLink {
  file: string;
  link: string;
  problem: string;
}

/** Relative links `[text](path#anchor)` of a markdown file whose file or heading does not exist. */
export function brokenLinks(file: string): BrokenLink[] {
  const text = readRepoFile(file).replace(/```[\s\S]*?```/g, '');
  const broken: BrokenLink[] = [];
  for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (!link || /^[a-z]+:/i.test(link)) continue;
    const [path = '', anchor] = link.split('#');
    const target = path === '' ? join(ROOT, file) : resolve(dirname(join(ROOT, file)), path);
    if (!existsSync(target)) {
      broken.push({ file, link, problem: 'no such file' });
      continue;
    }
    if (anchor !== undefined && target.endsWith('.md')) {
      const anchors = headingsOf(readFileSync(target, 'utf8')).map(anchorOf);
      if (!anchors.includes(anchor)) {
        broken.push({ file, link, problem: `no heading #${anchor} in ${relative(ROOT, target)}` });
      }
    }
  }
  return broken;
}
