import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ExampleVersion = '2.1.1' | '2.2.1' | '2.3.0';

/** The official OCPI example payloads, verbatim (test/fixtures/ocpi-examples/README.md). */
export function examplesDir(version: ExampleVersion = '2.2.1'): string {
  return fileURLToPath(new URL(`../../fixtures/ocpi-examples/${version}`, import.meta.url));
}

export function exampleFileNames(version: ExampleVersion = '2.2.1'): string[] {
  return readdirSync(examplesDir(version))
    .filter((name) => name.endsWith('.json'))
    .sort();
}

const cache = new Map<string, unknown>();

/** A fresh deep copy of one example per call, so a test may mutate it freely. */
export function loadExample<T = Record<string, unknown>>(
  fileName: string,
  version: ExampleVersion = '2.2.1',
): T {
  const key = `${version}/${fileName}`;
  let parsed = cache.get(key);
  if (parsed === undefined) {
    parsed = JSON.parse(readFileSync(join(examplesDir(version), fileName), 'utf8'));
    cache.set(key, parsed);
  }
  return structuredClone(parsed) as T;
}
