import type { Partner } from '../../domain/partner';
import { HUB_METRICS } from '../../metric-names';
import { ClientError, MethodNotAllowedError } from '../../ocpi/errors';
import { type HubVersion, VersionNumbers } from '../../ocpi/modules';
import type { Credentials } from '../../ocpi/schemas/credentials';
import { PartnerChangedError } from '../../store/partner.repository';
import { TransactionConflictError } from '../../store/store-errors';
import type { Caller } from '../auth/credential-auth';
import { generateToken } from '../auth/token-keys';
import { nowIso, type TenantContext } from '../hub-runtime';
import { type Leniencies, leniencyFor } from '../partners/leniency';
import { role211Of } from '../v211/link-211';
import {
  hasLowerCaseParty,
  hubCredentials,
  isRegistered,
  matchOnboardedRoles,
  partyStatusOps,
  registeredPartner,
  retireInboundOps,
  revokeInboundOps,
  savePartner,
  withExchangedCredentials,
} from './credentials-support';
import { type DiscoveryScope, discoverPartner } from './version-discovery';

/**
 * A partner registering through one version's credentials endpoint chose that version from the hub's
 * list (the highest it shares with the hub): the hub discovers it at that version, and a 2.1.1 partner
 * presents and expects raw tokens (ocpi-notes §1.1), so they are tried first.
 */
function scopeOf(partner: Partner, version: HubVersion): { scope: DiscoveryScope; encoding?: 'raw' } {
  if (version !== VersionNumbers.V2_1_1) return { scope: { versions: [version] } };
  const role211 = role211Of(partner);
  return { scope: { versions: [version], ...(role211 ? { role211 } : {}) }, encoding: 'raw' };
}

/** Lower-case party ids and a versions URL ending in `/` in a partner's credentials, counted. */
function noteCredentialsSpelling(leniencies: Leniencies, body: Credentials): void {
  if (hasLowerCaseParty(body.roles)) leniencies.note('lowercase_cistrings');
  if (body.url.endsWith('/')) leniencies.note('trailing_slash_url');
}

/**
 * The credentials module's refusals (credentials §4.1): 405 for a method the caller's registration
 * state does not allow. Each is a security event (one log line, never the token).
 */
export function requireMethodAllowed(ctx: TenantContext, caller: Caller, method: string): void {
  try {
    if (method === 'POST') requireUnregisteredCaller(caller);
    else if (method === 'PUT' || method === 'DELETE') requireRegisteredCaller(caller);
  } catch (err) {
    ctx.log.security('credentials_refused', {
      partner: caller.partner.id,
      method,
      reason: method === 'POST' ? 'already_registered' : 'not_registered',
    });
    throw err;
  }
}

/** POST is for a caller holding token A; a registered caller gets 405 (credentials §4.1.1). */
function requireUnregisteredCaller(caller: Caller): void {
  if (caller.tokenKind !== 'A') {
    throw new MethodNotAllowedError(
      'already registered: use PUT to update credentials, DELETE to unregister',
    );
  }
}

/** PUT and DELETE need a registration; without one they get 405 (credentials §4.1.2, §4.1.3). */
function requireRegisteredCaller(caller: Caller): void {
  if (caller.tokenKind !== 'C' || !isRegistered(caller.partner)) {
    throw new MethodNotAllowedError('not registered: use POST to register first');
  }
}

/**
 * Partner-initiated credentials POST (credentials §4.1.1, ocpi-notes §2.4): with token A, the partner
 * sends token B and its versions URL; inside this request the hub fetches the partner's versions and
 * details with token B, stores the endpoints, and answers with a new token C. Token A dies here.
 */
export async function registerFromPartner(
  ctx: TenantContext,
  caller: Caller,
  body: Credentials,
  correlationId: string,
  version: HubVersion = VersionNumbers.V2_2_1,
) {
  const partner = caller.partner;
  requireUnregisteredCaller(caller);
  const roles = matchOnboardedRoles(partner, body.roles);
  const leniencies = leniencyFor(ctx, partner.id);
  noteCredentialsSpelling(leniencies, body);
  const { scope, encoding } = scopeOf(partner, version);
  const discovered = await discoverPartner(
    ctx,
    body.url,
    body.token,
    encoding ?? 'base64',
    correlationId,
    scope,
    leniencies,
  );
  const at = new Date(ctx.runtime.now()).toISOString();
  const tokenC = generateToken();
  const hashC = ctx.runtime.keys.hash(tokenC);
  const next = registeredPartner(ctx, partner, roles, {
    versionsUrl: body.url,
    discovered,
    outboundToken: body.token,
    inboundHash: hashC,
    at,
  });
  await savePartner(ctx, next, partner.rev, [
    // Token A works once: deleting it under a condition makes a second, concurrent POST fail.
    ctx.store.credentialTokens.consumeOp(caller.tokenHash),
    ...revokeInboundOps(ctx, { ...partner, token_a_hash: undefined }),
    ctx.store.credentialTokens.putOp({ hash: hashC, partner_id: partner.id, kind: 'C', created_at: at }),
    ...partyStatusOps(ctx, next, 'CONNECTED', at, roles),
  ]);
  ctx.log.security('partner_registered', {
    partner: partner.id,
    initiated_by: 'partner',
    version: discovered.version,
  });
  ctx.runtime.metrics.count(HUB_METRICS.handshakes, { Tenant: ctx.tenant.id }, 1, { InitiatedBy: 'partner' });
  return hubCredentials(ctx, tokenC);
}

/**
 * Partner-initiated PUT (credentials §4.1.2): rotation, changed endpoints or version switch. The hub
 * re-fetches versions and details with the new token, stores it and issues a new token C; the old
 * token C keeps working for the grace window so requests already in flight succeed.
 */
export async function updateFromPartner(
  ctx: TenantContext,
  caller: Caller,
  body: Credentials,
  correlationId: string,
  version: HubVersion = VersionNumbers.V2_2_1,
) {
  const partner = caller.partner;
  requireRegisteredCaller(caller);
  const roles = matchOnboardedRoles(partner, body.roles);
  const { scope } = scopeOf(partner, version);
  const leniencies = leniencyFor(ctx, partner.id);
  noteCredentialsSpelling(leniencies, body);
  const discovered = await discoverPartner(
    ctx,
    body.url,
    body.token,
    partner.outbound_token_encoding,
    correlationId,
    scope,
    leniencies,
  );
  const now = ctx.runtime.now();
  const at = new Date(now).toISOString();
  const tokenC = generateToken();
  const hashC = ctx.runtime.keys.hash(tokenC);
  const next: Partner = {
    ...withExchangedCredentials(ctx, partner, {
      versionsUrl: body.url,
      discovered,
      outboundToken: body.token,
      inboundHash: hashC,
      at,
    }),
    status: 'CONNECTED',
  };
  try {
    await savePartner(ctx, next, partner.rev, [
      ...retireInboundOps(ctx, partner, now),
      ctx.store.credentialTokens.putOp({ hash: hashC, partner_id: partner.id, kind: 'C', created_at: at }),
      ...(partner.status === 'CONNECTED' ? [] : partyStatusOps(ctx, next, 'CONNECTED', at, roles)),
    ]);
  } catch (err) {
    // Another PUT of the same platform was stored first (optimistic revision or a transaction
    // conflict): this one changed nothing, which the platform is told instead of a 3000.
    if (err instanceof PartnerChangedError || err instanceof TransactionConflictError) {
      throw new ClientError(
        'another credentials update of this platform was stored at the same time; this one changed nothing, retry it if needed',
      );
    }
    throw err;
  }
  ctx.log.security('credentials_rotated', { partner: partner.id, initiated_by: 'partner' });
  ctx.runtime.metrics.count(HUB_METRICS.rotations, { Tenant: ctx.tenant.id }, 1, { InitiatedBy: 'partner' });
  return hubCredentials(ctx, tokenC);
}

/**
 * Partner-initiated DELETE (credentials §4.1.3): both directions' tokens are revoked at once, no more
 * traffic to the partner, status SUSPENDED; the partner's data stays.
 */
export async function unregisterFromPartner(ctx: TenantContext, caller: Caller): Promise<void> {
  const partner = caller.partner;
  requireRegisteredCaller(caller);
  try {
    await suspendPartner(ctx, partner);
  } catch (err) {
    // Another credentials request of the same platform (a DELETE sent twice) was stored first: this
    // one changed nothing, which the platform is told instead of a 3000 (found by the attack suite).
    if (err instanceof PartnerChangedError || err instanceof TransactionConflictError) {
      throw new ClientError(
        'another credentials request of this platform was stored at the same time; this one changed nothing, retry it if needed',
      );
    }
    throw err;
  }
  ctx.log.security('partner_unregistered', { partner: partner.id, initiated_by: 'partner' });
}

/** Revokes every token in both directions and marks the partner and its parties SUSPENDED. */
export async function suspendPartner(ctx: TenantContext, partner: Partner): Promise<Partner> {
  const at = nowIso(ctx.runtime);
  const next: Partner = {
    ...partner,
    status: 'SUSPENDED',
    outbound_token_enc: undefined,
    inbound_token_hash: undefined,
    previous_inbound_token_hash: undefined,
    token_a_hash: undefined,
    token_a_expires_at: undefined,
    updated_at: at,
  };
  return savePartner(ctx, next, partner.rev, [
    ...revokeInboundOps(ctx, partner),
    ...partyStatusOps(ctx, next, 'SUSPENDED', at),
  ]);
}
