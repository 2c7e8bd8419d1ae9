import { AsyncResource } from 'node:async_hooks';
import type { Partner } from '../../domain/partner';
import { sentTokenValue, tokenCandidates } from '../../ocpi/auth-header';
import type { CredentialTokenRecord, TokenKind } from '../../store/credential-token.repository';
import type { TenantContext } from '../hub-runtime';

export interface Caller {
  partner: Partner;
  tokenKind: TokenKind;
  /** Keyed hash of the presented token (never the token itself). */
  tokenHash: string;
}

export type AuthFailureReason = 'missing' | 'malformed' | 'unknown' | 'expired' | 'suspended' | 'throttled';

export type AuthResult =
  /** `sentRaw`: the header held the token itself, not its base64 form (ocpi-notes §1.1). */
  { ok: true; caller: Caller; sentRaw: boolean } | { ok: false; reason: AuthFailureReason; message: string };

/**
 * One answer for an unknown, expired or revoked token, so a caller cannot tell which tokens once
 * existed; the security log keeps the reason.
 */
export const TOKEN_NOT_VALID_MESSAGE = 'credentials token unknown, expired or revoked';

/**
 * Finds the partner behind an `Authorization: Token ...` header. Inbound tokens are looked up by keyed
 * hash; both the raw value and its base64 decoding are tried (ocpi-notes §1.1: many partners still send raw),
 * each under the current and (during a re-key) the previous key material.
 */
export async function authenticateCaller(
  tenant: TenantContext,
  header: string | undefined,
  /**
   * Asked before a token is looked up in the store (after a cache miss); false answers 'throttled'
   * without a read (failed-authentication throttling, hub/limits/request-limits.ts).
   */
  mayLookUp: (tokenHash: string) => boolean = () => true,
): Promise<AuthResult> {
  if (!header) return { ok: false, reason: 'missing', message: 'Authorization header missing' };
  const candidates = tokenCandidates(header);
  if (candidates.length === 0) {
    return {
      ok: false,
      reason: 'malformed',
      message: "Authorization header must be 'Token <credentials token>'",
    };
  }
  const now = tenant.runtime.now();
  const cache = tenant.runtime.authCache;
  const sent = sentTokenValue(header);
  // During a re-key each form has a hash under the previous key material too (token-keys.ts). Hashes
  // are computed when first needed: a cached caller costs one keyed hash (issue #14).
  const forms = candidates.map((candidate) => ({
    candidate,
    raw: candidate === sent,
    hashes: [] as string[],
  }));
  const hashesOf = (form: (typeof forms)[number]) => {
    if (form.hashes.length === 0) form.hashes = tenant.runtime.keys.lookupHashes(form.candidate);
    return form.hashes;
  };
  // Every form is checked in the cache before any store read: a base64 header's raw form is never
  // a token, and looking it up first would cost a read on every request. The decoded form is asked
  // first: base64 is what OCPI 2.2.1 prescribes, so most headers hit the cache at once.
  for (const form of [...forms].reverse()) {
    for (const hash of hashesOf(form)) {
      const cached = cache?.get(tenant.tenant.id, hash, now);
      if (!cached) continue;
      if (cache?.claimRefresh(tenant.tenant.id, hash, now)) refreshInBackground(tenant, hash);
      return { ok: true, caller: cached, sentRaw: form.raw };
    }
  }
  const lookups = forms.flatMap((form) =>
    hashesOf(form)
      .filter(mayLookUp)
      .map((hash) => ({ hash, raw: form.raw })),
  );
  if (lookups.length === 0) return { ok: false, reason: 'throttled', message: TOKEN_NOT_VALID_MESSAGE };
  for (const { hash, raw } of lookups) {
    const found = await readCaller(tenant, hash, now);
    if (found === undefined) continue;
    if (!found.ok) return found;
    // Token A is never cached: it works once, and registration must see the partner's latest state.
    if (found.caller.tokenKind === 'C') cache?.set(tenant.tenant.id, found.caller, now, found.expiresAt);
    return { ok: true, caller: found.caller, sentRaw: raw };
  }
  return { ok: false, reason: 'unknown', message: TOKEN_NOT_VALID_MESSAGE };
}

/** The caller behind a token hash from the store; undefined when no such token (or partner) exists. */
async function readCaller(
  tenant: TenantContext,
  hash: string,
  now: number,
): Promise<
  | { ok: true; caller: Caller; expiresAt: number | undefined }
  | { ok: false; reason: AuthFailureReason; message: string }
  | undefined
> {
  const record = await tenant.store.credentialTokens.find(hash);
  if (!record) return undefined;
  if (isExpired(record, now)) return { ok: false, reason: 'expired', message: TOKEN_NOT_VALID_MESSAGE };
  const partner = await tenant.store.partners.get(record.partner_id);
  if (!partner) return undefined;
  // A suspended partner's tokens are revoked; only a fresh token A (re-onboarding) may reach us.
  if (partner.status === 'SUSPENDED' && record.kind !== 'A') {
    return { ok: false, reason: 'suspended', message: TOKEN_NOT_VALID_MESSAGE };
  }
  const expiresAt = record.expires_at ? Date.parse(record.expires_at) : undefined;
  return { ok: true, caller: { partner, tokenKind: record.kind, tokenHash: hash }, expiresAt };
}

/**
 * Created at module load, outside any request: a cache refresh runs in its async scope, not in the
 * scope of the request that found the entry due (whose per-request accounting, e.g. the DynamoDB
 * call count of bench/hot-path-io.ts, it is no part of).
 */
const backgroundScope = new AsyncResource('hub-auth-cache-refresh');

/**
 * Re-reads a cached token before its entry runs out, off the request path: still valid -> a fresh
 * entry; revoked, expired or suspended meanwhile -> the entry is dropped, so the next request is
 * refused (the time-to-live bound of AuthCache holds either way).
 */
function refreshInBackground(tenant: TenantContext, hash: string): void {
  const cache = tenant.runtime.authCache;
  if (!cache) return;
  backgroundScope.runInAsyncScope(() => {
    const now = tenant.runtime.now();
    readCaller(tenant, hash, now).then(
      (found) => {
        if (found?.ok && found.caller.tokenKind === 'C')
          cache.refreshed(tenant.tenant.id, found.caller, now, found.expiresAt);
        else cache.forget(tenant.tenant.id, hash);
      },
      (error: unknown) => {
        cache.refreshFailed(tenant.tenant.id, hash);
        tenant.log.warn('could not refresh a cached credentials token', { error });
      },
    );
  });
}

function isExpired(record: CredentialTokenRecord, now: number): boolean {
  return record.expires_at !== undefined && Date.parse(record.expires_at) <= now;
}

/** Why a token that authenticates is still refused by the credentials module. */
export type NotCurrentReason = 'token_in_grace_window' | 'token_replaced' | 'token_revoked';

/**
 * Re-reads the presented token and its partner past every cache (another instance may have rotated
 * them a moment ago) and returns the caller if the token is the partner's CURRENT one: its token A
 * before registration, its token C after. A token C in its grace window after a rotation keeps
 * working for the functional modules only; it must not re-register, rotate or unregister the partner
 * (ocpi-notes §2.5).
 */
export async function currentTokenCaller(
  tenant: TenantContext,
  caller: Caller,
): Promise<{ ok: true; caller: Caller } | { ok: false; reason: NotCurrentReason }> {
  const record = await tenant.store.credentialTokens.find(caller.tokenHash);
  if (!record || isExpired(record, tenant.runtime.now())) return { ok: false, reason: 'token_revoked' };
  const partner = await tenant.store.partners.get(record.partner_id);
  if (!partner) return { ok: false, reason: 'token_revoked' };
  const current = record.kind === 'A' ? partner.token_a_hash : partner.inbound_token_hash;
  if (current !== caller.tokenHash) {
    const inGrace = record.kind === 'C' && partner.previous_inbound_token_hash === caller.tokenHash;
    return { ok: false, reason: inGrace ? 'token_in_grace_window' : 'token_replaced' };
  }
  if (partner.status === 'SUSPENDED' && record.kind !== 'A') return { ok: false, reason: 'token_revoked' };
  return { ok: true, caller: { partner, tokenKind: record.kind, tokenHash: caller.tokenHash } };
}
