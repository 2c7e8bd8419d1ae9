import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI_DIR = fileURLToPath(new URL('../../cli/', import.meta.url));

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.(ts|mjs)$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );

describe('the CLI stays a client of the admin API', () => {
  it('imports only Node built-ins, tsx and its own files (nothing of the hub)', () => {
    // Prepare
    const files = sources(CLI_DIR);
    // Act
    const outside = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)]
        .map((m) => m[1] as string)
        .filter((spec) => {
          if (spec.startsWith('node:') || spec === 'tsx/esm/api') return false;
          if (!spec.startsWith('.')) return true;
          return relative(CLI_DIR, resolve(file, '..', spec)).startsWith('..');
        })
        .map((spec) => `${relative(CLI_DIR, file)}: ${spec}`),
    );
    // Assess
    expect(files.length).toBeGreaterThan(5);
    expect(outside).toEqual([]);
  });
});
