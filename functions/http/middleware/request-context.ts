import type { MiddlewareHandler } from 'hono';
import type { HubRuntime } from '../../hub/hub-runtime';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER, readOrCreateRequestIds } from '../../ocpi/request-ids';
import { apiGatewayRequestId } from '../api-gateway-request';
import type { HubEnv } from '../http-env';

/**
 * X-Request-ID / X-Correlation-ID (ocpi-notes §1.2): read or created, echoed on every response (errors
 * included), and put on every log line of the request. Behind API Gateway a request without a usable
 * X-Request-ID gets API Gateway's request id as its X-Request-ID, and every log line carries that id
 * as `api_request_id` too, so log lines join the access log's `requestId` also when the caller chose
 * its own X-Request-ID (docs/operations.md "Logs").
 */
export function requestContext(runtime: HubRuntime): MiddlewareHandler<HubEnv> {
  return async function requestContextMiddleware(c, next) {
    const apiRequestId = apiGatewayRequestId(c);
    const ids = readOrCreateRequestIds((name) => c.req.header(name), apiRequestId);
    c.set('ids', ids);
    c.set(
      'log',
      runtime.log.child({
        request_id: ids.requestId,
        correlation_id: ids.correlationId,
        ...(apiRequestId ? { api_request_id: apiRequestId } : {}),
      }),
    );
    // Set before the answer exists: every answer built through this context (c.body, c.json, the
    // error handlers) starts with them, and no finished answer has to be copied to add them.
    c.header(REQUEST_ID_HEADER, ids.requestId);
    c.header(CORRELATION_ID_HEADER, ids.correlationId);
    try {
      await next();
    } finally {
      if (c.res.headers.get(REQUEST_ID_HEADER) !== ids.requestId) {
        // An answer built some other way: `c.header` on a finished answer copies it, and the copy
        // reads the body as a stream (which @hono/node-server then streams instead of writing it in
        // one call), so this is only the fallback (issue #14: it was two copies per request).
        c.header(REQUEST_ID_HEADER, ids.requestId);
        c.header(CORRELATION_ID_HEADER, ids.correlationId);
      }
    }
  };
}
