import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import type { StoredAnswer } from '../../hub/routing/answers';
import type { OcpiCall } from '../../hub/routing/ocpi-call';
import { successEnvelope } from '../../ocpi/envelope';
import { InvalidParametersError } from '../../ocpi/errors';
import { paginationHeaders, parsePaginationQuery } from '../../ocpi/pagination';
import type { PartyRef } from '../../ocpi/party';
import { routingHeaders } from '../../ocpi/routing-headers';
import { InvalidCursorError } from '../../store/session.repository';
import type { HubEnv } from '../http-env';
import { routingOf } from './forwarding';
import { publicRequestUrl } from './stored-object-http';

/** Largest page of the hub's own session and CDR lists (X-Limit). */
export const MAX_PAGE_LIMIT = 100;

/** The request as the charging services take it. */
export function ocpiCall(c: Context<HubEnv>): OcpiCall {
  return {
    ctx: c.get('tenant'),
    caller: c.get('caller'),
    routing: routingOf(c),
    correlationId: c.get('ids').correlationId,
  };
}

/** Writes a stored or relayed answer (request ids are added by the request-context middleware). */
export function sendAnswer(c: Context<HubEnv>, answer: StoredAnswer): Response {
  return c.body(answer.bodyText, answer.httpStatus as ContentfulStatusCode, answer.headers);
}

/** Validates a path or query parameter; 2001 naming it. */
export function readParam<S extends z.ZodMiniType>(name: string, value: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw InvalidParametersError.fromZod(parsed.error, name);
  return parsed.data;
}

/** date_from/date_to/offset/limit plus the hub's own `cursor` for later pages (ocpi-notes §1.5). */
export function readPageQuery(c: Context<HubEnv>) {
  const query = parsePaginationQuery(c.req.query(), { maxLimit: MAX_PAGE_LIMIT });
  const cursor = c.req.query('cursor');
  return { ...query, ...(cursor ? { cursor } : {}) };
}

/**
 * A page of the hub's own objects: X-Total-Count, X-Limit and a Link that resumes from a cursor, with
 * response routing FROM = hub, TO = the requester (ocpi-notes §3.4).
 */
export async function sendPage<T>(
  c: Context<HubEnv>,
  requester: PartyRef,
  read: () => Promise<{ items: T[]; total: number; nextCursor?: string }>,
  offset: number,
  limit: number,
): Promise<Response> {
  const tenant = c.get('tenant');
  let page: { items: T[]; total: number; nextCursor?: string };
  try {
    page = await read();
  } catch (err) {
    if (err instanceof InvalidCursorError) throw new InvalidParametersError(err.message, 'cursor');
    throw err;
  }
  const headers = {
    ...paginationHeaders({
      requestUrl: publicRequestUrl(c),
      offset,
      limit,
      returned: page.items.length,
      total: page.total,
      maxLimit: MAX_PAGE_LIMIT,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    }),
    ...routingHeaders(tenant.tenant.hub, requester),
  };
  return c.json(successEnvelope(page.items, undefined, tenant.runtime.now()), 200, headers);
}
