import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateKeyMaterial,
  generateToken,
  type KeyMaterial,
  parseKeyMaterial,
  serializeKeyMaterial,
} from '../hub/auth/token-keys';

/**
 * Local mode keeps its secrets in the data folder, readable by the owner only: the token hashing and
 * encryption keys (AWS keeps them in a KMS-encrypted secret) and the generated admin tokens.
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
 * Admin token per tenant: HUB_ADMIN_TOKEN when set (for every tenant), otherwise generated at first
 * start and kept in the data folder so a restart keeps it.
 */
export function loadOrCreateAdminTokens(
  dataDir: string,
  tenantIds: string[],
  fixedToken?: string,
): Map<string, string> {
  if (fixedToken) return new Map(tenantIds.map((id) => [id, fixedToken]));
  const path = join(dataDir, 'admin-tokens.json');
  const stored: Record<string, string> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  let changed = false;
  for (const id of tenantIds) {
    if (!stored[id]) {
      stored[id] = generateToken();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, JSON.stringify(stored, null, 2), PRIVATE);
  }
  return new Map(tenantIds.map((id) => [id, stored[id] as string]));
}
