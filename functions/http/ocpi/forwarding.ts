import type { Context, MiddlewareHandler } from 'hono';
import { relayedAnswer } from '../../hub/routing/answers';
import { forwardContinuation } from '../../hub/routing/continuation-forwarder';
import { type RouteSpec, routeToParty } from '../../hub/routing/direct-routing';
import { LINK_QUERY_PARAM } from '../../hub/routing/link-continuation';
import type { HubEnv } from '../http-env';
import { readOptionalJsonText } from './ocpi-body';
import { ocpiCall, sendAnswer } from './ocpi-request';

export type { RouteSpec } from '../../hub/routing/direct-routing';

/**
 * Direct routing of the current request to the party named in TO (hub/routing/direct-routing.ts); the
 * body is forwarded as the exact text received (within the 1 MB cap, and only if it is JSON: a body
 * that is not gets HTTP 400 here rather than at the receiver).
 */
export async function forwardFromRequest(c: Context<HubEnv>, spec: RouteSpec): Promise<Response> {
  const answer = await routeToParty(ocpiCall(c), spec, {
    method: c.req.method,
    query: c.req.query(),
    bodyText: () => readOptionalJsonText(c),
  });
  return sendAnswer(c, answer);
}

/**
 * A GET carrying `?link=` continues a pull the hub forwarded (ocpi-notes §3.6, §10.3), whatever its
 * path below a functional module and whatever the TO headers say: the link names the receiver's next
 * page, and only the partner that pulled the first page may follow it. Every functional module gets
 * this before its own routes, so no module decides it by itself.
 */
export function pageLinkContinuations(): MiddlewareHandler<HubEnv> {
  return async function pageLinkContinuationsMiddleware(c, next) {
    const linkId = c.req.method === 'GET' ? c.req.query(LINK_QUERY_PARAM) : undefined;
    if (linkId === undefined) return next();
    const call = ocpiCall(c);
    const result = await forwardContinuation(call.ctx, call.caller, linkId, {
      correlationId: call.correlationId,
      routing: call.routing,
    });
    return sendAnswer(c, relayedAnswer(result));
  };
}
