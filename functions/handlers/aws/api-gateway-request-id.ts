type ProxyEventShape = {
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  requestContext?: { requestId?: string };
};

const REQUEST_ID = 'X-Request-ID';

const hasRequestId = (headers?: Record<string, unknown> | null): boolean =>
  !!headers && Object.keys(headers).some((name) => name.toLowerCase() === 'x-request-id');

/**
 * A request without X-Request-ID gets API Gateway's request id as its X-Request-ID, so the id the hub
 * answers with and logs (`request_id`) is the `requestId` of the API Gateway access log
 * (infra/constructs/api-access-log.ts). A caller's own X-Request-ID is kept: OCPI echoes it.
 */
export function withApiGatewayRequestId<T>(event: T): T {
  const proxy = event as ProxyEventShape;
  const requestId = proxy.requestContext?.requestId;
  if (!requestId || hasRequestId(proxy.headers) || hasRequestId(proxy.multiValueHeaders)) return event;
  return {
    ...event,
    headers: { ...proxy.headers, [REQUEST_ID]: requestId },
    ...(proxy.multiValueHeaders
      ? { multiValueHeaders: { ...proxy.multiValueHeaders, [REQUEST_ID]: [requestId] } }
      : {}),
  };
}
