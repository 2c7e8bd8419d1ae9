import type { Context } from 'hono';

type Bindings = {
  incoming?: { socket?: { remoteAddress?: string } };
  requestContext?: { identity?: { sourceIp?: string }; http?: { sourceIp?: string } };
};

/**
 * The address the request came from, as the platform saw it, never from a header a client can set
 * (X-Forwarded-For): locally the socket's peer (@hono/node-server), in AWS API Gateway's
 * `requestContext.identity.sourceIp` (REST API) or `requestContext.http.sourceIp` (HTTP API).
 */
export function clientAddress(c: Context): string | undefined {
  const env = c.env as Bindings | undefined;
  const address =
    env?.incoming?.socket?.remoteAddress ??
    env?.requestContext?.identity?.sourceIp ??
    env?.requestContext?.http?.sourceIp;
  if (!address) return undefined;
  // IPv4 peers of a dual-stack socket appear as ::ffff:a.b.c.d; one source, one key.
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
