import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import { answerFromHub, type StoredAnswer } from '../../hub/routing/answers';
import { destinationOf, type OcpiCall } from '../../hub/routing/ocpi-call';
import { InvalidParametersError, MethodNotAllowedError } from '../../ocpi/errors';
import { paginationHeaders, parsePaginationQuery } from '../../ocpi/pagination';
import type { PartyRef } from '../../ocpi/party';
import { readRoutingHeaders } from '../../ocpi/routing-headers';
import type { HubEnv } from '../http-env';

/** Largest page of the hub's own session and CDR lists (X-Limit). */
const MAX_PAGE_LIMIT = 100;

/**
 * The request as every functional module hands it to the hub: tenant, caller, routing headers (read
 * once per request, on first use: a malformed pair is 2001 naming the header) and where it goes.
 */
export function ocpiCall(c: Context<HubEnv>): OcpiCall {
  const known = c.get('call');
  if (known) return known;
  const ctx = c.get('tenant');
  const routing = readRoutingHeaders((name) => c.req.header(name));
  const call: OcpiCall = {
    ctx,
    caller: c.get('caller'),
    routing,
    destination: destinationOf(ctx, routing),
    correlationId: c.get('ids').correlationId,
  };
  c.set('call', call);
  return call;
}

/** Writes an answer of the hub or a relayed one (request ids are added by the request-context middleware). */
export function sendAnswer(c: Context<HubEnv>, answer: StoredAnswer): Response {
  return c.body(answer.bodyText, answer.httpStatus as ContentfulStatusCode, answer.headers);
}

/** Validates a path or query parameter; 2001 naming it. */
export function readParam<S extends z.ZodMiniType>(name: string, value: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw InvalidParametersError.fromZod(parsed.error, name);
  return parsed.data;
}

/** Path parameter, decoded by the router. */
export const param = (c: Context<HubEnv>, name: string): string => c.req.param(name) ?? '';

/** date_from/date_to/offset/limit plus the hub's own `cursor` for later pages (ocpi-notes §1.5). */
export function readPageQuery(c: Context<HubEnv>) {
  const query = parsePaginationQuery(c.req.query(), { maxLimit: MAX_PAGE_LIMIT });
  const cursor = c.req.query('cursor');
  return { ...query, ...(cursor ? { cursor } : {}) };
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

/**
 * A page of the hub's own sessions or CDRs: X-Total-Count, X-Limit and a Link that resumes from a
 * cursor, with response routing FROM = hub, TO = the requester (ocpi-notes §3.4).
 */
export function sendPage<T>(
  c: Context<HubEnv>,
  requester: PartyRef,
  page: { items: T[]; total: number; nextCursor?: string },
  offset: number,
  limit: number,
): Response {
  const headers = paginationHeaders({
    requestUrl: publicRequestUrl(c),
    offset,
    limit,
    returned: page.items.length,
    total: page.total,
    maxLimit: MAX_PAGE_LIMIT,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
  return sendAnswer(c, answerFromHub(ocpiCall(c), requester, page.items, { headers }));
}

/** 405 with the envelope for a method the module does not define on this URL. */
export function methodNotAllowed(module: string, allowed: string) {
  return (c: Context<HubEnv>): never => {
    throw new MethodNotAllowedError(`${c.req.method} is not allowed on ${module}; allowed: ${allowed}`);
  };
}
