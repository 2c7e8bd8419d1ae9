import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PartyRoleName } from '../../domain/partner';
import { forwardLink } from '../../hub/routing/continuation-forwarder';
import { type ForwardRequest, type ForwardResult, forwardToParty } from '../../hub/routing/forwarder';
import { LINK_QUERY_PARAM, resolveLinkContinuation } from '../../hub/routing/link-continuation';
import { resolveFromParty } from '../../hub/routing/party-resolution';
import { InvalidParametersError, MethodNotAllowedError } from '../../ocpi/errors';
import type { ModuleId } from '../../ocpi/modules';
import { ROUTING_HEADER_NAMES, type RoutingHeaders, readRoutingHeaders } from '../../ocpi/routing-headers';
import type { HubEnv } from '../http-env';
import { readOptionalJsonText } from './ocpi-body';

/** Reads the OCPI routing headers of the request (2001 naming the header when half a pair or malformed). */
export function routingOf(c: Context<HubEnv>): RoutingHeaders {
  return readRoutingHeaders((name) => c.req.header(name));
}

/**
 * Writes a forwarded answer: the receiver's HTTP status and body as received, with the relayed headers
 * (this hop's X-Request-ID / X-Correlation-ID are added by the request-context middleware).
 */
export function relayResponse(c: Context<HubEnv>, result: ForwardResult): Response {
  return c.body(result.bodyText, result.httpStatus as ContentfulStatusCode, result.headers);
}

/** True when the request follows a page link the hub handed out (see forwardFromRequest). */
export function isLinkContinuation(c: Context<HubEnv>): boolean {
  return c.req.method === 'GET' && c.req.query(LINK_QUERY_PARAM) !== undefined;
}

export interface ForwardSpec {
  module: ModuleId;
  targetInterface: 'SENDER' | 'RECEIVER';
  /** Path segments after the module's endpoint URL, decoded (they are re-encoded on the way out). */
  pathSegments: string[];
  /** Restrict the TO party to these roles, e.g. ['CPO'] for a command. */
  targetRoles?: PartyRoleName[];
  /** The roles the caller may act as for this request (FROM), e.g. ['EMSP'] for a command. */
  fromRoles?: PartyRoleName[];
  timeoutMs?: number;
}

/**
 * Direct routing of the current request (ocpi-notes §3.1): FROM must be one of the caller's roles, TO is
 * required; the body is forwarded as the exact text received (within the 1 MB cap, and only if it is
 * JSON: a body that is not gets HTTP 400 here rather than at the receiver). A GET carrying `?link=`
 * continues a forwarded pull instead (ocpi-notes §3.6), whatever the TO headers say: module routes that
 * handle TO = hub themselves should test isLinkContinuation(c) first.
 */
export async function forwardFromRequest(c: Context<HubEnv>, spec: ForwardSpec): Promise<Response> {
  const caller = c.get('caller');
  const tenant = c.get('tenant');
  const routing = routingOf(c);
  const correlationId = c.get('ids').correlationId;
  if (isLinkContinuation(c)) {
    const link = await resolveLinkContinuation(tenant, { link: c.req.query(LINK_QUERY_PARAM) });
    if (link) {
      const opts = { correlationId, routing, ...(spec.timeoutMs ? { timeoutMs: spec.timeoutMs } : {}) };
      return relayResponse(c, await forwardLink(tenant, caller, link, opts));
    }
  }
  const method = c.req.method;
  if (!isForwardableMethod(method)) throw new MethodNotAllowedError(`${method} is not an OCPI method`);
  const from = resolveFromParty(caller, routing.from, spec.fromRoles);
  if (!routing.to) {
    throw new InvalidParametersError(
      'missing: the receiving party is required',
      ROUTING_HEADER_NAMES.toPartyId,
    );
  }
  const bodyText = await readOptionalJsonText(c);
  const result = await forwardToParty(tenant, {
    module: spec.module,
    targetInterface: spec.targetInterface,
    method,
    pathSegments: spec.pathSegments,
    query: c.req.query(),
    ...(bodyText === undefined ? {} : { bodyText }),
    from: { country_code: from.country_code, party_id: from.party_id },
    to: routing.to,
    ...(spec.targetRoles ? { targetRoles: spec.targetRoles } : {}),
    correlationId,
    ...(spec.timeoutMs ? { timeoutMs: spec.timeoutMs } : {}),
    callerPartnerId: caller.partner.id,
  });
  return relayResponse(c, result);
}

const FORWARDABLE_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function isForwardableMethod(method: string): method is ForwardRequest['method'] {
  return FORWARDABLE_METHODS.includes(method);
}
