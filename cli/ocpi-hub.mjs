#!/usr/bin/env node
// The `ocpi-hub` command (package.json "bin"): loads the TypeScript CLI through tsx, so a clone runs it
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
process.exitCode = await run(process.argv.slice(2));
