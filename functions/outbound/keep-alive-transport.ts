import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/** One keep-alive pool per scheme; both connect only through the given (pinned) lookup. */
export type KeepAliveAgents = { http: HttpAgent; https: HttpsAgent };

export type KeepAliveOptions = {
  /** Sockets per origin (Node's maxSockets counts per host and port). */
  connections: number;
  /** How long an idle socket stays in the pool; Node also honours a shorter server Keep-Alive hint. */
  keepAliveTimeoutMs: number;
  lookup: LookupFunction;
};

export type OutgoingRequest = {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
};

export function createKeepAliveAgents(opts: KeepAliveOptions): KeepAliveAgents {
  // Agent options are merged over each request's connect options, so no socket of these pools can
  // be opened with another lookup (pinning against DNS rebinding holds for every connection).
  const options = {
    keepAlive: true,
    maxSockets: opts.connections,
    timeout: opts.keepAliveTimeoutMs,
    lookup: opts.lookup,
  };
  return { http: new HttpAgent(options), https: new HttpsAgent(options) };
}

/**
 * Sends one request and resolves with the response once its headers arrived; the body is left to
 * the caller. Node's http client never follows redirects, so a 3xx comes back as is. Aborting the
 * signal destroys the request (and a response still streaming) with an error.
 */
export async function sendRequest(agents: KeepAliveAgents, req: OutgoingRequest): Promise<IncomingMessage> {
  // An idle pooled socket the partner has already closed is only marked dead once the event loop
  // reads its EOF. Node's Agent would hand it out (and the request die with ECONNRESET, unseen by the
  // partner) if we dispatched in the same turn; one turn lets the Agent skip it and connect afresh.
  await new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve, reject) => {
    const secure = req.url.protocol === 'https:';
    const options: RequestOptions = {
      agent: secure ? agents.https : agents.http,
      method: req.method,
      hostname: withoutBrackets(req.url.hostname),
      port: req.url.port || undefined,
      path: `${req.url.pathname}${req.url.search}`,
      headers: withContentLength(req.headers, req.body),
      signal: req.signal,
    };
    const outgoing = (secure ? httpsRequest : httpRequest)(options, resolve);
    // Stays attached after the response arrived, so a late socket error is never unhandled.
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

export function destroyAgents(agents: KeepAliveAgents): void {
  agents.http.destroy();
  agents.https.destroy();
}

/**
 * Node announces no length for a GET or DELETE body and would send it unframed (the partner then
 * reads it as the start of the next request); an explicit Content-Length frames every method alike.
 */
function withContentLength(
  headers: Record<string, string>,
  body: string | undefined,
): Record<string, string> {
  if (body === undefined || Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
    return headers;
  }
  return { ...headers, 'content-length': String(Buffer.byteLength(body)) };
}

/** URL keeps IPv6 literals in brackets ([::1]); the socket layer wants the bare address. */
function withoutBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
