import type { ClientInfoRecord } from '../../domain/client-info';
import type { Partner, PartnerRole, PartyRoleName } from '../../domain/partner';
import { InvalidParametersError, ReceiverNotConnectedError, UnknownReceiverError } from '../../ocpi/errors';
import { type PartyRef, partyKey, sameParty } from '../../ocpi/party';
import { ROUTING_HEADER_NAMES } from '../../ocpi/routing-headers';
import type { Caller } from '../auth/credential-auth';
import type { TenantContext } from '../hub-runtime';
import {
  cachedTargets,
  forgetPartnerTargets as forgetCachedPartner,
  forgetTargets,
  refreshedTargets,
  rememberTargets,
  type TargetCandidate,
} from './target-cache';

const FROM_FIELD = ROUTING_HEADER_NAMES.fromPartyId;

/**
 * The FROM party of a functional-module request. It must be one of the roles registered for the
 * calling token (ocpi-notes §3 [hub-inference]), else 2001 naming OCPI-from-party-id. Without OCPI-from
 * headers we are tolerant when the caller holds exactly one role (of `expectedRoles`, when given):
 * that role is meant. With several candidate roles the headers are required.
 */
export function resolveFromParty(
  caller: Caller,
  from: PartyRef | undefined,
  expectedRoles?: readonly PartyRoleName[],
): PartnerRole {
  const roles = caller.partner.roles;
  const eligible = expectedRoles ? roles.filter((r) => expectedRoles.includes(r.role)) : roles;
  if (!from) {
    const [only, ...others] = eligible;
    if (only && others.length === 0) return only;
    throw new InvalidParametersError(
      eligible.length === 0
        ? `missing, and none of your registered roles is ${describeRoles(expectedRoles)}`
        : 'missing; required because you hold several roles',
      FROM_FIELD,
    );
  }
  const match = eligible.find((r) => sameParty(r, from));
  if (match) return match;
  const sameCode = roles.some((r) => sameParty(r, from));
  throw new InvalidParametersError(
    sameCode
      ? `${from.country_code}/${from.party_id} is registered for you, but not as ${describeRoles(expectedRoles)}`
      : `${from.country_code}/${from.party_id} is not one of your registered roles`,
    FROM_FIELD,
  );
}

/** True when `to` is the hub itself (tenant.hub country_code/party_id, CiString comparison). */
export function isHub(ctx: TenantContext, to: PartyRef | undefined): boolean {
  return to !== undefined && sameParty(ctx.tenant.hub, to);
}

/**
 * The target party for a TO header pair (ocpi-notes §3.1): 4001 when no party of the tenant has that code
 * (or none with a role in `roles`), 4003 when it exists but is not CONNECTED (ClientInfo status, or its
 * partner's link is not up). Returns the party and its partner (endpoints and outbound token included).
 */
export async function resolveTargetParty(
  ctx: TenantContext,
  to: PartyRef,
  roles?: readonly PartyRoleName[],
): Promise<{ party: ClientInfoRecord; partner: Partner }> {
  const [first] = await resolveConnectedTargets(ctx, to, roles);
  return first as TargetCandidate;
}

/**
 * Every CONNECTED party of the TO code (restricted to `roles`), non-empty; throws 4001/4003 as
 * resolveTargetParty does. The forwarder picks among them the one that implements the endpoint, as one
 * code may hold several roles (OCPI 2.2 platforms with several roles behind one code).
 */
export async function resolveConnectedTargets(
  ctx: TenantContext,
  to: PartyRef,
  roles?: readonly PartyRoleName[],
  opts: { fresh?: boolean } = {},
): Promise<TargetCandidate[]> {
  const wanted = await resolveKnownTargets(ctx, to, roles, opts);
  const connected = wanted.filter(isConnected);
  if (connected.length === 0) {
    const status = wanted[0]?.partner.status ?? wanted[0]?.party.status;
    throw new ReceiverNotConnectedError(
      `receiver ${to.country_code}/${to.party_id} is not connected (status ${status})`,
    );
  }
  return connected;
}

/**
 * Every party of the TO code (restricted to `roles`), connected or not, connected ones first; 4001
 * when there is none. Store-and-forward data is kept for a party that is away (hub/charging/).
 */
export async function resolveKnownTargets(
  ctx: TenantContext,
  to: PartyRef,
  roles?: readonly PartyRoleName[],
  opts: { fresh?: boolean } = {},
): Promise<TargetCandidate[]> {
  const all = await loadCandidates(ctx, to, opts.fresh ?? false);
  const wanted = roles ? all.filter((c) => roles.includes(c.party.role)) : all;
  if (wanted.length === 0) {
    throw new UnknownReceiverError(
      `unknown receiver ${to.country_code}/${to.party_id}${roles ? ` with role ${describeRoles(roles)}` : ''}`,
    );
  }
  return [...wanted].sort((a, b) => Number(isConnected(b)) - Number(isConnected(a)));
}

/**
 * Drops cached resolutions leading to this partner. Partner writes in this process should call it
 * (as they drop the auth cache) so a status or token change applies here at once, not after the TTL.
 */
export function forgetPartnerTargets(ctx: TenantContext, partnerId: string): void {
  forgetCachedPartner(ctx.runtime, ctx.tenant.id, partnerId);
}

function isConnected(c: TargetCandidate): boolean {
  return c.party.status === 'CONNECTED' && c.partner.status === 'CONNECTED';
}

function cacheKey(ctx: TenantContext, to: PartyRef): string {
  return `${ctx.tenant.id}|${partyKey(to)}`;
}

async function loadCandidates(ctx: TenantContext, to: PartyRef, fresh: boolean): Promise<TargetCandidate[]> {
  const key = cacheKey(ctx, to);
  const cached = fresh ? undefined : cachedTargets(ctx.runtime, key, () => reloadCandidates(ctx, to, key));
  if (cached) return cached;
  const candidates = await readCandidates(ctx, to);
  // Only usable answers are cached: a party that just connected must not wait out a cached 4001/4003.
  if (candidates.some(isConnected)) rememberTargets(ctx.runtime, key, candidates);
  return candidates;
}

/** The background re-read of a cached target: a code that has no connected party any more is dropped. */
async function reloadCandidates(ctx: TenantContext, to: PartyRef, key: string): Promise<void> {
  try {
    const candidates = await readCandidates(ctx, to);
    if (candidates.some(isConnected)) refreshedTargets(ctx.runtime, key, candidates);
    else forgetTargets(ctx.runtime, key);
  } catch (error) {
    ctx.log.warn('could not refresh a routing target', { error });
    throw error;
  }
}

async function readCandidates(ctx: TenantContext, to: PartyRef): Promise<TargetCandidate[]> {
  const parties = await ctx.store.partners.findPartiesByCode(to);
  const partnerIds = [...new Set(parties.map((p) => p.partner_id))];
  const partners = await Promise.all(partnerIds.map((id) => ctx.store.partners.get(id)));
  const byId = new Map(partners.flatMap((p) => (p ? [[p.id, p] as const] : [])));
  return (
    parties
      .flatMap((party) => {
        const partner = byId.get(party.partner_id);
        return partner ? [{ party, partner }] : [];
      })
      // Deterministic choice when one code holds several roles.
      .sort((a, b) => a.party.role.localeCompare(b.party.role))
  );
}

function describeRoles(roles: readonly string[] | undefined): string {
  return roles && roles.length > 0 ? roles.join(' or ') : 'any role';
}
