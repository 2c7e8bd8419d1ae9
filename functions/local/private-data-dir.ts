import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local data folder holds the token keys, DynamoDB Local's database (every tenant's data) and
 * the stream checkpoints: the folder and its subfolders 0700, its files 0600. Created so, and
 * tightened at every start, so a folder left by an earlier release (0755/0644) is fixed too.
 * Symbolic links are left alone: their targets are not ours to change.
 */
export function makeDataDirPrivate(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tighten(dataDir);
}

function tighten(path: string): void {
  const stat = lstatSync(path);
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const entry of readdirSync(path)) tighten(join(path, entry));
  } else if (stat.isFile() && (stat.mode & 0o077) !== 0) {
    chmodSync(path, stat.mode & 0o700 & ~0o111);
  }
}
