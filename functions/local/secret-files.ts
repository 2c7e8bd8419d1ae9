import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateKeyMaterial,
  type KeyMaterial,
  parseKeyMaterial,
  serializeKeyMaterial,
} from '../hub/auth/token-keys';

/**
 * Local mode keeps its secrets in the data folder, readable by the owner only: the token hashing and
 * encryption keys (AWS keeps them in a KMS-encrypted secret). Admin tokens live in the tenant tables,
 * as keyed hashes only.
 */
const PRIVATE = { mode: 0o600 } as const;

export function loadOrCreateKeyFile(dataDir: string): KeyMaterial {
  const path = join(dataDir, 'keys.json');
  if (existsSync(path)) return parseKeyMaterial(readFileSync(path, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const keys = generateKeyMaterial();
  writeFileSync(path, serializeKeyMaterial(keys), PRIVATE);
  return keys;
}

/**
 * Releases before named admin tokens kept each tenant's generated admin token in clear in
 * `admin-tokens.json`. Returns those tokens so start-up can adopt them as named tokens (stored only
 * as keyed hashes); `forgetLegacyAdminTokens` then deletes the file.
 */
export function readLegacyAdminTokens(dataDir: string): Map<string, string> {
  const path = join(dataDir, LEGACY_ADMIN_TOKENS_FILE);
  if (!existsSync(path)) return new Map();
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    return new Map(
      Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return new Map();
  }
}

export function forgetLegacyAdminTokens(dataDir: string): void {
  rmSync(join(dataDir, LEGACY_ADMIN_TOKENS_FILE), { force: true });
}

const LEGACY_ADMIN_TOKENS_FILE = 'admin-tokens.json';
