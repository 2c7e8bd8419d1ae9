import type { Context, MiddlewareHandler } from 'hono';
import type { PartyRef } from '../../ocpi/party';
import { ROUTING_HEADER_NAMES, readRoutingHeaders, routingHeaders } from '../../ocpi/routing-headers';
import type { HubEnv } from '../http-env';

/** The functional modules of 2.2.1 live below `sender/` and `receiver/` (hub-urls.ts); 2.1.1 has no routing headers. */
const FUNCTIONAL_MODULE_PATH = /\/ocpi\/2\.2\.1\/(sender|receiver)\//;

/**
 * Every answer on a functional module carries the routing headers (transport_and_format §4.1.5,
 * ocpi-notes §1.2), the hub's own errors included (401, 404, 2001, 4001, 4003): an answer that has none
 * yet is the hub's, so FROM = the hub and TO = the requester (its OCPI-from headers when readable, else
 * its partner's first role). Answers relayed from a receiver or given on its behalf keep their own.
 */
export function answerRoutingHeaders(): MiddlewareHandler<HubEnv> {
  return async function answerRoutingHeadersMiddleware(c, next) {
    await next();
    if (!FUNCTIONAL_MODULE_PATH.test(c.req.path)) return;
    if (c.res.headers.has(ROUTING_HEADER_NAMES.fromPartyId)) return;
    const tenant = c.get('tenant');
    if (!tenant) return;
    const to = requesterOf(c);
    const headers = to
      ? routingHeaders(tenant.tenant.hub, to)
      : {
          [ROUTING_HEADER_NAMES.fromCountryCode]: tenant.tenant.hub.country_code,
          [ROUTING_HEADER_NAMES.fromPartyId]: tenant.tenant.hub.party_id,
        };
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}

function requesterOf(c: Context<HubEnv>): PartyRef | undefined {
  const known = c.get('call')?.routing.from;
  if (known) return known;
  try {
    const from = readRoutingHeaders((name) => c.req.header(name)).from;
    if (from) return from;
  } catch {
    // A malformed FROM pair is what the 2001 being answered is about: name the caller instead.
  }
  const role = c.get('caller')?.partner.roles[0];
  return role ? { country_code: role.country_code, party_id: role.party_id } : undefined;
}
