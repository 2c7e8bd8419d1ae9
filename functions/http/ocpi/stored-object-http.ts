import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { PartnerRole, PartyRoleName } from '../../domain/partner';
import { listStoredObjects } from '../../hub/objects/object-pages';
import type { PushOutcome } from '../../hub/objects/object-write';
import { isHub, resolveFromParty } from '../../hub/routing/party-resolution';
import { assertOwnedByCaller } from '../../hub/routing/push-rules';
import { successEnvelope } from '../../ocpi/envelope';
import { MethodNotAllowedError } from '../../ocpi/errors';
import type { ModuleId } from '../../ocpi/modules';
import type { PartyRef } from '../../ocpi/party';
import { routingHeaders } from '../../ocpi/routing-headers';
import type { StoredObjectRepository } from '../../store/stored-object.repository';
import type { TenantRepositories } from '../../store/tenant-repositories';
import type { HubEnv } from '../http-env';
import { forwardFromRequest, isLinkContinuation, routingOf } from './forwarding';
import { readValidBody } from './ocpi-body';

/** Roles that receive CPO-owned data: eMSP, NSP and OTHER (ocpi-notes §3.2 "opposite roles"). */
export const CPO_DATA_READERS = ['EMSP', 'NSP', 'OTHER'] as const;
/** eMSP-owned data (tokens) goes to CPOs (ocpi-notes §3.2). */
export const EMSP_DATA_READERS = ['CPO'] as const;

/**
 * TO = hub, or no TO at all, is served by the hub itself: stored and broadcast for pushes (ocpi-notes
 * §3.2, §3.3), from the store for GETs (§3.4). Any other TO is direct routing (§3.1), and a GET that
 * follows a forwarded page link is always relayed.
 */
export function isForHub(c: Context<HubEnv>): boolean {
  if (isLinkContinuation(c)) return false;
  const { to } = routingOf(c);
  return to === undefined || isHub(c.get('tenant'), to);
}

/**
 * The owner's own object on a receiver URL `.../:cc/:pid/...`: FROM is resolved among the caller's
 * `ownerRole` roles, and the URL's party must be one of them (ocpi-notes §3.2: only the owner pushes).
 */
export function ownerOfReceiverUrl(
  c: Context<HubEnv>,
  ownerRole: PartyRoleName,
): { from: PartnerRole; urlParty: PartyRef } {
  const caller = c.get('caller');
  const urlParty = { country_code: param(c, 'cc'), party_id: param(c, 'pid') };
  const from = resolveFromParty(caller, routingOf(c).from, [ownerRole]);
  assertOwnedByCaller(caller, urlParty, ownerRole);
  return { from, urlParty };
}

/** Direct routing (ocpi-notes §3.1) of an owner's receiver-interface request to the party named in TO. */
export function forwardToReceiver(
  c: Context<HubEnv>,
  module: ModuleId,
  ownerRole: PartyRoleName,
  pathSegments: string[],
): Promise<Response> {
  return forwardFromRequest(c, { module, targetInterface: 'RECEIVER', pathSegments, fromRoles: [ownerRole] });
}

/** A module's sender interface: objects owned by `ownerRole`, read by `readers` (ocpi-notes §3.2). */
export interface SenderSpec {
  module: ModuleId;
  ownerRole: PartyRoleName;
  readers: PartyRoleName[];
}

/** Direct routing (ocpi-notes §3.1) of a reader's sender-interface GET to the owner named in TO. */
export function forwardToSender(
  c: Context<HubEnv>,
  spec: SenderSpec,
  pathSegments: string[],
): Promise<Response> {
  return forwardFromRequest(c, {
    module: spec.module,
    targetInterface: 'SENDER',
    pathSegments,
    targetRoles: [spec.ownerRole],
    fromRoles: spec.readers,
  });
}

/**
 * The sender interface's GET-all: the stored objects of every owner, paginated (ocpi-notes §3.4), or
 * forwarded to the owner named in TO.
 */
export function storedObjectList<T>(
  spec: SenderSpec & {
    repository: (store: TenantRepositories) => StoredObjectRepository<T>;
    maxLimit: number;
  },
) {
  return async function senderList(c: Context<HubEnv>): Promise<Response> {
    if (!isForHub(c)) return forwardToSender(c, spec, []);
    const from = resolveFromParty(c.get('caller'), routingOf(c).from, spec.readers);
    const tenant = c.get('tenant');
    const { objects, headers } = await listStoredObjects(tenant, spec.repository(tenant.store), {
      query: c.req.query(),
      requestUrl: publicRequestUrl(c),
      maxLimit: spec.maxLimit,
    });
    return hubAnswer(c, from, objects, { headers });
  };
}

/** Parses the body with `schema` (413 / 400 / 2001 naming the field) and keeps the exact text too. */
export async function readPushBody<S extends z.ZodMiniType>(
  c: Context<HubEnv>,
  schema: S,
): Promise<{ body: z.infer<S>; bodyText: string }> {
  const { value, text } = await readValidBody(c, schema);
  return { body: value, bodyText: text };
}

/** An answer of the hub itself: FROM = hub, TO = the requester (ocpi-notes §3.2, §3.4). */
export function hubAnswer(
  c: Context<HubEnv>,
  to: PartyRef,
  data?: unknown,
  opts: { status?: 200 | 201; message?: string; headers?: Record<string, string> } = {},
): Response {
  const tenant = c.get('tenant');
  const headers = { ...routingHeaders(tenant.tenant.hub, to), ...opts.headers };
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json(successEnvelope(data, opts.message, tenant.runtime.now()), opts.status ?? 200);
}

/**
 * 201 for a newly created object, 200 for an update (transport_and_format §4.1.1, ocpi-notes §1.4). A push
 * older than the stored object is answered 1000 too, since the spec is silent and the sender did nothing
 * wrong (messages may arrive out of order), but it is neither stored nor broadcast and says so.
 */
export function pushAnswer(c: Context<HubEnv>, to: PartyRef, outcome: PushOutcome): Response {
  if (outcome === 'created') return hubAnswer(c, to, undefined, { status: 201 });
  if (outcome === 'stale') {
    return hubAnswer(c, to, undefined, {
      message: 'not stored: last_updated is older than the stored object',
    });
  }
  return hubAnswer(c, to);
}

/**
 * The public URL of this request (base of next-page links): its path and query below the tenant's
 * OCPI prefix on the configured public base URL, whatever Host the request came with.
 */
export function publicRequestUrl(c: Context<HubEnv>): string {
  const tenant = c.get('tenant');
  const url = new URL(c.req.url);
  const prefix = `/${tenant.tenant.id}/ocpi`;
  const rest = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
  return tenant.urls.ocpiUrl(rest, url.search);
}

export function methodNotAllowed(module: string, allowed: string) {
  return (c: Context<HubEnv>): never => {
    throw new MethodNotAllowedError(`${c.req.method} is not allowed on ${module}; allowed: ${allowed}`);
  };
}

/** Path parameter, decoded by the router. */
export const param = (c: Context<HubEnv>, name: string): string => c.req.param(name) ?? '';
