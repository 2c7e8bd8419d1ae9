import type { MiddlewareHandler } from 'hono';
import type { HubRuntime } from '../../hub/hub-runtime';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER, readOrCreateRequestIds } from '../../ocpi/request-ids';
import type { HubEnv } from '../http-env';

/**
 * X-Request-ID / X-Correlation-ID (ocpi-notes §1.2): read or created, echoed on every response (errors
 * included), and put on every log line of the request.
 */
export function requestContext(runtime: HubRuntime): MiddlewareHandler<HubEnv> {
  return async function requestContextMiddleware(c, next) {
    const ids = readOrCreateRequestIds((name) => c.req.header(name));
    c.set('ids', ids);
    c.set('log', runtime.log.child({ request_id: ids.requestId, correlation_id: ids.correlationId }));
    try {
      await next();
    } finally {
      c.header(REQUEST_ID_HEADER, ids.requestId);
      c.header(CORRELATION_ID_HEADER, ids.correlationId);
    }
  };
}
