import { randomUUID } from 'node:crypto';
import type { ClientInfoRecord } from '../../domain/client-info';
import type { Partner, PartnerRole } from '../../domain/partner';
import { generateToken } from '../auth/token-keys';
import { nowIso, type TenantContext } from '../hub-runtime';

/** The store's refusals of a partner write, as the admin API reports them. */
export { DuplicatePartyError, PartnerChangedError } from '../../store/partner.repository';

export class PartnerNotFoundError extends Error {
  constructor(id: string) {
    super(`partner '${id.slice(0, 64)}' not found`);
  }
}

export interface NewPartner {
  name: string;
  roles: PartnerRole[];
}

/**
 * Creates a PLANNED partner with a fresh token A (32 random bytes, base64url), stored only as a keyed
 * hash; the plain token is returned once for the admin to hand over out of band (ocpi-notes §2.4 step 1).
 */
export async function createPartner(
  ctx: TenantContext,
  input: NewPartner,
): Promise<{ partner: Partner; tokenA: string }> {
  const now = nowIso(ctx.runtime);
  const tokenA = generateToken();
  const tokenAHash = ctx.runtime.keys.hash(tokenA);
  const partner: Partner = {
    id: randomUUID(),
    name: input.name,
    status: 'PLANNED',
    roles: input.roles,
    created_at: now,
    updated_at: now,
    rev: 1,
    endpoints: [],
    outbound_token_encoding: 'base64',
    token_a_hash: tokenAHash,
    token_a_issued_at: now,
    token_a_expires_at: tokenAExpiry(ctx),
  };
  const parties: ClientInfoRecord[] = input.roles.map((r) => ({
    partner_id: partner.id,
    country_code: r.country_code,
    party_id: r.party_id,
    role: r.role,
    status: 'PLANNED',
    last_updated: now,
  }));
  await ctx.store.partners.create(partner, parties, [
    ctx.store.credentialTokens.putOp({
      hash: tokenAHash,
      partner_id: partner.id,
      kind: 'A',
      created_at: now,
      expires_at: partner.token_a_expires_at,
    }),
  ]);
  ctx.log.security('partner_created', { partner: partner.id, roles: input.roles.length });
  return { partner, tokenA };
}

export async function requirePartner(ctx: TenantContext, id: string): Promise<Partner> {
  // Partner ids are UUIDs: anything far longer is no partner and must not reach a store key (2 KB max).
  if (id.length > MAX_PARTNER_ID_LENGTH) throw new PartnerNotFoundError(`${id.slice(0, 64)}…`);
  const partner = await ctx.store.partners.get(id);
  if (!partner) throw new PartnerNotFoundError(id);
  return partner;
}

const MAX_PARTNER_ID_LENGTH = 64;

export function tokenAExpiry(ctx: TenantContext): string {
  return new Date(ctx.runtime.now() + ctx.tenant.credentials.tokenATtlHours * 3600_000).toISOString();
}

/** What the admin API shows of a partner: never a token, only token ages. */
export function partnerView(partner: Partner, now: number) {
  const age = (iso?: string) => (iso ? Math.max(0, Math.round((now - Date.parse(iso)) / 1000)) : null);
  return {
    id: partner.id,
    name: partner.name,
    status: partner.status,
    roles: partner.roles,
    version: partner.version ?? null,
    versions_url: partner.versions_url ?? null,
    endpoints: partner.endpoints,
    created_at: partner.created_at,
    registered_at: partner.registered_at ?? null,
    last_contact_at: partner.last_contact_at ?? null,
    last_error: partner.last_error ?? null,
    token_ages: {
      inbound_token_age_seconds: age(partner.inbound_token_set_at),
      outbound_token_age_seconds: age(partner.outbound_token_set_at),
      token_a_age_seconds: partner.status === 'PLANNED' ? age(partner.token_a_issued_at) : null,
    },
  };
}
