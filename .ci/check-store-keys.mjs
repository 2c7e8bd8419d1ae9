#!/usr/bin/env node
// "No key strings outside store/" (docs/architecture.md "Table layout"): functions/store/ owns every
// key prefix and item shape, so no other file of functions/ spells a key prefix (`'CREDTOKEN#'`,
// `` `OUTBOX#${...}` ``), a key attribute (pk, sk, gsi1pk, ...) or reaches a raw table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const CHECKS = [
  { what: 'a key prefix literal', pattern: /['"`][A-Z][A-Z0-9_]{2,}#/ },
  // Building or naming a key (`{ pk: ... }`, `keys['sk']`, `'pk'`); reading a field of an item type the
  // store exports (`item.sk`) is the store's shape, used as it hands it out.
  { what: 'a key attribute', pattern: /\b(pk|sk|gsi[12](pk|sk))\s*:|['"`](pk|sk|gsi[12](pk|sk))['"`]/ },
  { what: 'a raw tenant table', pattern: /\bTenantTable\b|\.table\b/ },
];

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith('.ts')) yield path;
  }
}

const findings = [];
for (const file of sources(join(root, 'functions'))) {
  const rel = relative(root, file);
  if (rel.startsWith('functions/store/')) continue;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
      for (const check of CHECKS) {
        if (check.pattern.test(code)) findings.push(`${rel}:${i + 1}: ${check.what}: ${line.trim()}`);
      }
    });
}
if (findings.length > 0) {
  console.error(`key strings outside functions/store/ (move them into a repository):\n${findings.join('\n')}`);
  process.exit(1);
}
console.log('store keys: none outside functions/store/');
