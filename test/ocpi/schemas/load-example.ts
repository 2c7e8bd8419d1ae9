import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The official OCPI 2.2.1 example payloads, verbatim, in the `shared/` folder next to the repository
 * (shared/ocpi-examples/README.md); tools/fresh-check copies it next to its clone the same way.
 */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../shared/ocpi-examples/2.2.1', import.meta.url));

export function exampleFileNames(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

const cache = new Map<string, unknown>();

/** A fresh deep copy of one example per call, so a test may mutate it freely. */
export function loadExample<T = Record<string, unknown>>(fileName: string): T {
  let parsed = cache.get(fileName);
  if (parsed === undefined) {
    parsed = JSON.parse(readFileSync(join(EXAMPLES_DIR, fileName), 'utf8'));
    cache.set(fileName, parsed);
  }
  return structuredClone(parsed) as T;
}
