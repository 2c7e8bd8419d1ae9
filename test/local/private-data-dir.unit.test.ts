import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDirPrivate } from '../../functions/local/private-data-dir';

describe('makeDataDirPrivate', () => {
  const root = mkdtempSync(join(tmpdir(), 'hub-private-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('tightens a data folder an earlier release left readable to others: folders 0700, files 0600', () => {
    // Prepare
    const dataDir = join(root, 'old');
    mkdirSync(join(dataDir, 'dynamodb'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'keys.json'), '{}', { mode: 0o644 });
    writeFileSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'), '', { mode: 0o664 });
    const outside = join(root, 'not-ours.txt');
    writeFileSync(outside, '', { mode: 0o644 });
    symlinkSync(outside, join(dataDir, 'link'));
    // Act
    makeDataDirPrivate(dataDir);
    // Assess
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'dynamodb'))).toBe(0o700);
    expect(mode(join(dataDir, 'keys.json'))).toBe(0o600);
    expect(mode(join(dataDir, 'dynamodb', 'shared-local-instance.db'))).toBe(0o600);
    expect(mode(outside)).toBe(0o644);
  });

  it('creates a missing data folder 0700', () => {
    // Act
    makeDataDirPrivate(join(root, 'new', 'data'));
    // Assess
    expect(mode(join(root, 'new', 'data'))).toBe(0o700);
  });
});
