import { describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS, words } from '../../cli/command';
import { COMMANDS } from '../../cli/main';
import { readRepoFile } from './markdown';

/**
 * The runbooks tell operators to type `npx ocpi-hub …`: every such command in the README and
 * docs/operations.md must be one the CLI knows, with options it takes, so a renamed command or option
 * shows up here rather than at 3 a.m.
 */
const DOCS = ['README.md', 'docs/operations.md'];

/** `npx ocpi-hub …` invocations: code block lines (up to a comment or a pipe) and inline code spans. */
function invocations(markdown: string): string[] {
  const found: string[] = [];
  const blocks = [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  for (const block of blocks)
    for (const m of block.matchAll(/npx ocpi-hub ([^\n#|&]*)/g)) found.push((m[1] as string).trim());
  const prose = markdown.replace(/```[a-z]*\n[\s\S]*?```/g, '');
  for (const m of prose.matchAll(/`([^`]+)`/g)) {
    const span = (m[1] as string).replace(/\s+/g, ' ');
    const at = span.indexOf('npx ocpi-hub ');
    if (at >= 0) found.push(span.slice(at + 'npx ocpi-hub '.length).trim());
  }
  return found.filter((command) => /^[a-z]/.test(command));
}

/** What is wrong with one invocation, or undefined. */
function problemOf(invocation: string): string | undefined {
  const tokens = invocation.split(' ').filter(Boolean);
  const command = [...COMMANDS]
    .sort((a, b) => words(b).length - words(a).length)
    .find((c) => words(c).every((word, i) => tokens[i] === word));
  if (!command) return 'no such command';
  const allowed = new Set<string>([...GLOBAL_OPTIONS, ...(command.options ?? [])]);
  const unknown = tokens
    .filter((t) => t.startsWith('--'))
    .map((t) => t.slice(2).split('=')[0] as string)
    .filter((option) => !allowed.has(option));
  return unknown.length ? `${command.usage} takes no --${unknown.join(', --')}` : undefined;
}

describe('ocpi-hub commands in the documentation', () => {
  it.each(DOCS)('are commands and options the CLI knows in %s', (doc) => {
    // Prepare
    const found = invocations(readRepoFile(doc));

    // Act
    const problems = found.flatMap((invocation) => {
      const problem = problemOf(invocation);
      return problem ? [`${invocation}: ${problem}`] : [];
    });

    // Assess
    expect(found.length).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });

  it('flags an unknown command and an option the command does not take', () => {
    expect(problemOf('partners frobnicate <id>')).toBe('no such command');
    expect(problemOf('tokens list --yes')).toBe('tokens list takes no --yes');
    expect(problemOf('partners unregister <id> --yes --tenant acme')).toBeUndefined();
  });
});
