import type { ClientInfoRecord } from '../../domain/client-info';
import { type Partner, type PartnerRole, type PartnerStatus, roleKey } from '../../domain/partner';
import { InvalidParametersError } from '../../ocpi/errors';
import type { Credentials, CredentialsRole } from '../../ocpi/schemas/credentials';
import type { TransactOp } from '../../store/tenant-table';
import type { TenantContext } from '../hub-runtime';
import { forgetPartnerTargets } from '../routing/party-resolution';
import type { DiscoveredPartner } from './version-discovery';

/**
 * The hub's own credentials object. A 2.2.1 hub lists only its own HUB role (credentials §7.3 /
 * ocpi-notes §2.2); connected parties are announced through HubClientInfo instead.
 */
export function hubCredentials(ctx: TenantContext, token: string): Credentials {
  const hub = ctx.tenant.hub;
  return {
    token,
    url: ctx.urls.versions(),
    roles: [
      {
        role: 'HUB' as const,
        business_details: { name: hub.name, ...(hub.website ? { website: hub.website } : {}) },
        party_id: hub.party_id,
        country_code: hub.country_code,
      },
    ],
  };
}

/**
 * A platform may register only roles the admin created it with (issue #3); CiStrings compare
 * case-insensitively, and the admin's spelling is kept.
 */
export function matchOnboardedRoles(
  partner: Partner,
  presented: CredentialsRole[],
  field = 'roles',
): PartnerRole[] {
  return presented.map((role, index) => {
    const known = partner.roles.find((r) => roleKey(r) === roleKey(role));
    if (!known) {
      throw new InvalidParametersError(
        `${role.role} ${role.country_code}/${role.party_id} is not among the roles this partner was onboarded with`,
        `${field}[${index}]`,
      );
    }
    return { ...known, business_details: role.business_details ?? known.business_details };
  });
}

/** ClientInfo of each party of the partner after a status change: registered roles take `status`. */
export function partyStatusOps(
  ctx: TenantContext,
  partner: Partner,
  status: PartnerStatus,
  at: string,
  only?: PartnerRole[],
): TransactOp[] {
  const selected = only ? new Set(only.map(roleKey)) : undefined;
  return partner.roles
    .filter((r) => !selected || selected.has(roleKey(r)))
    .map((r) => {
      const record: ClientInfoRecord = {
        partner_id: partner.id,
        country_code: r.country_code,
        party_id: r.party_id,
        role: r.role,
        status,
        last_updated: at,
      };
      return ctx.store.partners.partyPut(record);
    });
}

/** Operations that revoke every inbound token of the partner at once (unregister). */
export function revokeInboundOps(ctx: TenantContext, partner: Partner): TransactOp[] {
  return [partner.inbound_token_hash, partner.previous_inbound_token_hash, partner.token_a_hash]
    .filter((h): h is string => Boolean(h))
    .map((h) => ctx.store.credentialTokens.deleteOp(h));
}

/** Rotation: the new inbound token is in place, the old one lives on for the grace window. */
export function retireInboundOps(ctx: TenantContext, partner: Partner, at: number): TransactOp[] {
  const ops: TransactOp[] = [];
  if (partner.previous_inbound_token_hash)
    ops.push(ctx.store.credentialTokens.deleteOp(partner.previous_inbound_token_hash));
  if (partner.inbound_token_hash) {
    const expiresAt = new Date(at + ctx.tenant.credentials.rotationGraceSeconds * 1000).toISOString();
    ops.push(
      ctx.store.credentialTokens.expireOp(
        {
          hash: partner.inbound_token_hash,
          partner_id: partner.id,
          kind: 'C',
          created_at: partner.inbound_token_set_at ?? '',
        },
        expiresAt,
      ),
    );
  }
  return ops;
}

export function isRegistered(partner: Partner): boolean {
  return partner.status === 'CONNECTED' || partner.status === 'OFFLINE';
}

/**
 * Every partner write goes through here: cached callers and routing targets hold a snapshot of the
 * partner, so this process forgets them at once when its tokens or state change.
 */
export async function savePartner(
  ctx: TenantContext,
  next: Partner,
  expectedRev: number,
  extra: TransactOp[] = [],
) {
  try {
    return await ctx.store.partners.save(next, expectedRev, extra);
  } finally {
    ctx.runtime.authCache?.invalidatePartner(ctx.tenant.id, next.id);
    forgetPartnerTargets(ctx, next.id);
  }
}

/** What one credentials exchange established: the partner's endpoints and tokens in both directions. */
export interface CredentialsExchange {
  versionsUrl: string;
  discovered: DiscoveredPartner;
  /** The token the hub presents to the partner from now on (stored encrypted). */
  outboundToken: string;
  /** Keyed hash of the token the partner presents to the hub from now on. */
  inboundHash: string;
  at: string;
}

/**
 * The partner after a rotation or update (credentials PUT either way): new tokens both ways, the
 * previous inbound token kept as `previous_inbound_token_hash` for its grace window.
 */
export function withExchangedCredentials(
  ctx: TenantContext,
  partner: Partner,
  x: CredentialsExchange,
): Partner {
  return {
    ...partner,
    versions_url: x.versionsUrl,
    version: x.discovered.version,
    endpoints: x.discovered.endpoints,
    outbound_token_enc: ctx.runtime.keys.encrypt(x.outboundToken),
    outbound_token_encoding: x.discovered.encoding,
    outbound_token_set_at: x.at,
    inbound_token_hash: x.inboundHash,
    previous_inbound_token_hash: partner.inbound_token_hash,
    inbound_token_set_at: x.at,
    last_contact_at: x.at,
    last_error: undefined,
    updated_at: x.at,
  };
}

/** The partner after a registration (credentials POST either way): CONNECTED, token A gone. */
export function registeredPartner(
  ctx: TenantContext,
  partner: Partner,
  roles: PartnerRole[],
  x: CredentialsExchange,
): Partner {
  return {
    ...withExchangedCredentials(ctx, partner, x),
    status: 'CONNECTED',
    roles: partner.roles.map((r) => roles.find((role) => roleKey(role) === roleKey(r)) ?? r),
    previous_inbound_token_hash: undefined,
    token_a_hash: undefined,
    token_a_issued_at: undefined,
    token_a_expires_at: undefined,
    registered_at: x.at,
  };
}

/** Country codes and party ids are CiStrings, upper case by convention (ocpi-notes §1.6). */
export function hasLowerCaseParty(roles: readonly { country_code: string; party_id: string }[]): boolean {
  return roles.some(
    (r) => r.country_code !== r.country_code.toUpperCase() || r.party_id !== r.party_id.toUpperCase(),
  );
}
