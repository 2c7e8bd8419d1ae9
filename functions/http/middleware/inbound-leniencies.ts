import type { MiddlewareHandler } from 'hono';
import { leniencyFor } from '../../hub/partners/leniency';
import { ROUTING_HEADER_NAMES } from '../../ocpi/routing-headers';
import type { HubEnv } from '../http-env';

/** 2.1.1 sends raw tokens by the spec; only 2.2.1 callers deviate when they do (ocpi-notes §10.1). */
const VERSION_221_PATH = /\/ocpi\/(versions|2\.2\.1)(\/|$)/;

/**
 * Counts the deviations an authenticated caller's request shows before any module reads it (issue #11):
 * a raw token where 2.2.1 wants base64, routing headers in lower case. Bodies are counted where they are
 * read (ocpi-body.ts).
 */
export function inboundLeniencies(): MiddlewareHandler<HubEnv> {
  return async function inboundLeniencyMiddleware(c, next) {
    const caller = c.get('caller');
    const tenant = c.get('tenant');
    if (caller && tenant && VERSION_221_PATH.test(c.req.path)) {
      const leniencies = leniencyFor(tenant, caller.partner.id);
      if (c.get('tokenSentRaw')) leniencies.note('raw_token');
      const party = [ROUTING_HEADER_NAMES.fromCountryCode, ROUTING_HEADER_NAMES.fromPartyId].map((name) =>
        c.req.header(name),
      );
      if (party.some((v) => v !== undefined && v !== v.toUpperCase())) leniencies.note('lowercase_cistrings');
    }
    await next();
  };
}
