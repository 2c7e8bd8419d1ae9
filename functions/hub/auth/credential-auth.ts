import type { Partner } from '../../domain/partner';
import { tokenCandidates } from '../../ocpi/auth-header';
import type { CredentialTokenRecord, TokenKind } from '../../store/credential-token.repository';
import type { TenantContext } from '../hub-runtime';

export interface Caller {
  partner: Partner;
  tokenKind: TokenKind;
  /** Keyed hash of the presented token (never the token itself). */
  tokenHash: string;
}

export type AuthResult =
  | { ok: true; caller: Caller }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'expired' | 'suspended'; message: string };

/**
 * Finds the partner behind an `Authorization: Token ...` header. Inbound tokens are looked up by keyed
 * hash; both the raw value and its base64 decoding are tried (ocpi-notes §1.1: many partners still send raw).
 */
export async function authenticateCaller(
  tenant: TenantContext,
  header: string | undefined,
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
  const hashes = candidates.map((candidate) => tenant.runtime.keys.hash(candidate));
  // Every form is checked in the cache before any store read: a base64 header's raw form is never
  // a token, and looking it up first would cost a read on every request.
  for (const hash of hashes) {
    const cached = cache?.get(tenant.tenant.id, hash, now);
    if (cached) return { ok: true, caller: cached };
  }
  for (const hash of hashes) {
    const record = await tenant.store.credentialTokens.find(hash);
    if (!record) continue;
    if (isExpired(record, now)) return { ok: false, reason: 'expired', message: 'credentials token expired' };
    const partner = await tenant.store.partners.get(record.partner_id);
    if (!partner) continue;
    // A suspended partner's tokens are revoked; only a fresh token A (re-onboarding) may reach us.
    if (partner.status === 'SUSPENDED' && record.kind !== 'A') {
      return { ok: false, reason: 'suspended', message: 'credentials token revoked' };
    }
    const caller: Caller = { partner, tokenKind: record.kind, tokenHash: hash };
    // Token A is never cached: it works once, and registration must see the partner's latest state.
    if (record.kind === 'C') {
      const expiresAt = record.expires_at ? Date.parse(record.expires_at) : undefined;
      cache?.set(tenant.tenant.id, caller, now, expiresAt);
    }
    return { ok: true, caller };
  }
  return { ok: false, reason: 'unknown', message: 'unknown credentials token' };
}

export function isExpired(record: CredentialTokenRecord, now: number): boolean {
  return record.expires_at !== undefined && Date.parse(record.expires_at) <= now;
}
