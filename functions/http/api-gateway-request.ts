import type { Context } from 'hono';

type Bindings = { requestContext?: { requestId?: unknown } };

/** API Gateway's ids are UUIDs (REST) or short base64 strings (HTTP APIs); anything else is not one. */
const GATEWAY_ID = /^[A-Za-z0-9=_-]{1,128}$/;

/**
 * API Gateway's id of the request (`requestContext.requestId` of the proxy event, which
 * hono/aws-lambda passes as the app's env), the `requestId` of the stage's access log line; undefined
 * locally (middleware/request-context.ts).
 */
export function apiGatewayRequestId(c: Context): string | undefined {
  const id = (c.env as Bindings | undefined)?.requestContext?.requestId;
  return typeof id === 'string' && GATEWAY_ID.test(id) ? id : undefined;
}
