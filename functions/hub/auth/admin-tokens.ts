import { createHash, randomBytes } from 'node:crypto';
import type { AdminTokenRecord, AdminTokenRepository } from '../../store/admin-token.repository';
import { generateToken, type TokenKeys } from './token-keys';

/**
 * Admin bearer tokens, per tenant (README "Admin API"): named, expiring, revocable, stored only as
 * keyed hashes in that tenant's table. Every admin request looks its token up in the store (no cache),
 * so a revoked token stops at once.
 */
export interface AdminTokenStore {
  tokens: AdminTokenRepository;
  keys: TokenKeys;
  now(): number;
}

/** What the admin API shows of a token: never the secret, never its hash. */
export interface AdminTokenView {
  id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  expired: boolean;
}

export type AdminAuthResult =
  | { ok: true; token: { id: string; name: string }; hash: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'throttled' };

export const MAX_ADMIN_TOKEN_DAYS = 3650;

export async function createAdminToken(
  store: AdminTokenStore,
  input: { name: string; expiresAt?: string },
): Promise<{ record: AdminTokenRecord; token: string }> {
  const token = generateToken();
  const record: AdminTokenRecord = {
    id: randomBytes(9).toString('base64url'),
    name: input.name,
    hash: store.keys.hash(token),
    created_at: new Date(store.now()).toISOString(),
    ...(input.expiresAt ? { expires_at: input.expiresAt } : {}),
  };
  await store.tokens.create(record);
  return { record, token };
}

/**
 * Registers a token chosen elsewhere (HUB_ADMIN_TOKEN, a migrated token file) under a name. Its id is
 * derived from the hash (one way: the listing shows the id, never the hash), so doing it again at
 * every start finds the token and changes nothing.
 */
export async function adoptAdminToken(store: AdminTokenStore, token: string, name: string): Promise<void> {
  for (const known of store.keys.lookupHashes(token)) if (await store.tokens.findByHash(known)) return;
  const hash = store.keys.hash(token);
  const id = createHash('sha256').update(hash).digest('base64url').slice(0, 12);
  const record = { id, name, hash, created_at: new Date(store.now()).toISOString() };
  await store.tokens.create(record);
}

/** True when the tenant has an admin token that still works (local start-up creates one otherwise). */
export async function hasUsableAdminToken(store: AdminTokenStore): Promise<boolean> {
  const now = store.now();
  return (await store.tokens.list()).some((t) => !isExpired(t, now));
}

/**
 * Looks the token up under the current key material, then (during a re-key) the previous one.
 * `mayLookUp` false for every form: answered 'throttled' without a store read (failed-authentication
 * throttling).
 */
export async function authenticateAdmin(
  store: AdminTokenStore,
  token: string,
  mayLookUp: (tokenHash: string) => boolean = () => true,
): Promise<AdminAuthResult> {
  const hashes = store.keys.lookupHashes(token).filter(mayLookUp);
  if (hashes.length === 0) return { ok: false, reason: 'throttled' };
  for (const hash of hashes) {
    const record = await store.tokens.findByHash(hash);
    if (!record) continue;
    if (isExpired(record, store.now())) return { ok: false, reason: 'expired' };
    return { ok: true, token: { id: record.id, name: record.name }, hash };
  }
  return { ok: false, reason: 'unknown' };
}

export async function listAdminTokens(store: AdminTokenStore): Promise<AdminTokenView[]> {
  const now = store.now();
  const records = await store.tokens.list();
  return records.sort((a, b) => a.created_at.localeCompare(b.created_at)).map((r) => adminTokenView(r, now));
}

/** Revokes a token by id: both of its items go in one transaction. undefined when no such token. */
export async function revokeAdminToken(
  store: AdminTokenStore,
  id: string,
): Promise<AdminTokenView | undefined> {
  const record = await store.tokens.get(id);
  if (!record || !(await store.tokens.remove(record))) return undefined;
  return adminTokenView(record, store.now());
}

export function adminTokenView(record: Omit<AdminTokenRecord, 'hash'>, now: number): AdminTokenView {
  return {
    id: record.id,
    name: record.name,
    created_at: record.created_at,
    expires_at: record.expires_at ?? null,
    expired: isExpired(record, now),
  };
}

function isExpired(record: { expires_at?: string }, now: number): boolean {
  return record.expires_at !== undefined && Date.parse(record.expires_at) <= now;
}
