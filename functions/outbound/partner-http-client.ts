import type { IncomingHttpHeaders } from 'node:http';
import { readCappedBody } from './capped-body';
import { OutboundError, OutboundNetworkError, OutboundTimeoutError, OutboundUrlRefusedError } from './errors';
import {
  createKeepAliveAgents,
  destroyAgents,
  type KeepAliveAgents,
  sendRequest,
} from './keep-alive-transport';
import { createPinnedLookup, type PinnedLookup } from './pinned-lookup';
import { safeUrlForLogs } from './safe-url';
import { checkOutboundUrl, type OutboundPolicy, type ResolveHost, resolveWithSystemDns } from './url-guard';

export type PartnerHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type PartnerRequest = {
  method: PartnerHttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Total budget: DNS, connect, headers and body. */
  timeoutMs?: number;
  /** The calling tenant's outbound policy (TenantConfig.outbound). */
  policy: OutboundPolicy;
};

export type PartnerResponse = {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  /** Set when the body parses as JSON. */
  json?: unknown;
  url: string;
};

/** One security event per refusal (docs/architecture.md "Cross-cutting rules"); url is origin + path only. */
/** A refusal for the security log: `detail` may name the address a host resolved to. */
export type OutboundRefusedEvent = { url: string; reason: string; detail?: string };

export type PartnerHttpClientOptions = {
  /** Sockets per origin. */
  connections?: number;
  keepAliveTimeoutMs?: number;
  maxResponseBytes?: number;
  defaultTimeoutMs?: number;
  resolve?: ResolveHost;
  onRefused?: (event: OutboundRefusedEvent) => void;
};

export type PartnerHttpClient = {
  request(req: PartnerRequest): Promise<PartnerResponse>;
  close(): Promise<void>;
};

type Pool = { agents: KeepAliveAgents; pinned: PinnedLookup };

/**
 * The request's own timer is the budget; these only come from the operating system giving up on a
 * connect (the kernel's SYN retries), which is a timeout too.
 */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/**
 * The one HTTP client for calls to partner platforms. Redirects are never followed (a 3xx comes
 * back as is): following one would let a partner steer the hub to an address the guard never saw.
 * Connections are pooled per policy, so a socket opened under a lenient policy (local development)
 * is never reused for a request under a strict one.
 */
export function createPartnerHttpClient(opts: PartnerHttpClientOptions = {}): PartnerHttpClient {
  const maxResponseBytes = opts.maxResponseBytes ?? 1024 * 1024;
  const defaultTimeoutMs = opts.defaultTimeoutMs ?? 10_000;
  const resolve = opts.resolve ?? resolveWithSystemDns;
  const pools = new Map<string, Pool>();
  const inFlight = new Set<Promise<void>>();

  function poolFor(policy: OutboundPolicy): Pool {
    const key = `${policy.allowHttp}:${policy.allowPrivateAddresses}`;
    let pool = pools.get(key);
    if (!pool) {
      const pinned = createPinnedLookup(policy, resolve);
      const agents = createKeepAliveAgents({
        connections: opts.connections ?? 16,
        keepAliveTimeoutMs: opts.keepAliveTimeoutMs ?? 4_000,
        lookup: pinned.lookup,
      });
      pool = { agents, pinned };
      pools.set(key, pool);
    }
    return pool;
  }

  function reportRefusal(error: OutboundUrlRefusedError): void {
    try {
      opts.onRefused?.({
        url: error.url,
        reason: error.reason,
        ...(error.detail ? { detail: error.detail } : {}),
      });
    } catch {
      // A failing log hook must not turn a refusal into something else.
    }
  }

  async function request(req: PartnerRequest): Promise<PartnerResponse> {
    const safeUrl = safeUrlForLogs(req.url);
    const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const pool = poolFor(req.policy);
      const checked = await untilAborted(
        checkOutboundUrl(req.url, req.policy, resolve, pool.pinned.recentlyVetted),
        controller.signal,
      );
      pool.pinned.remember(checked.url.hostname, checked.addresses);
      const response = await sendRequest(pool.agents, {
        url: checked.url,
        method: req.method,
        headers: withContentType(req.headers ?? {}, req.body),
        body: req.body,
        signal: controller.signal,
      });
      const headers = flattenHeaders(response.headers);
      const bodyText = await readCappedBody(response, headers['content-length'], maxResponseBytes, safeUrl);
      // Node hands the socket back to the pool in a process.nextTick after the body ends; the pause
      // makes sure it is free before the caller's next request, which would otherwise open another.
      await new Promise((resolve) => setImmediate(resolve));
      return { status: response.statusCode ?? 0, headers, bodyText, json: parseJson(bodyText), url: safeUrl };
    } catch (err) {
      const error = toOutboundError(err, safeUrl, timedOut, timeoutMs);
      if (error instanceof OutboundUrlRefusedError) reportRefusal(error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Tracks requests so close() lets them finish, as a graceful shutdown should. */
  function trackedRequest(req: PartnerRequest): Promise<PartnerResponse> {
    const pending = request(req);
    const settled = pending.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return pending;
  }

  /** Waits for requests in flight, then closes every pooled socket. */
  async function close(): Promise<void> {
    const agents = [...pools.values()].map((pool) => pool.agents);
    pools.clear();
    await Promise.all([...inFlight]);
    for (const pair of agents) destroyAgents(pair);
  }

  return { request: trackedRequest, close };
}

/**
 * Errors thrown at connect time (a refusal from the pinned lookup) carry only the host name;
 * they are rebuilt with the request's safe URL. Unknown errors keep only their code.
 */
function toOutboundError(err: unknown, safeUrl: string, timedOut: boolean, timeoutMs: number): OutboundError {
  const code = codeOf(err);
  if (timedOut || (code && TIMEOUT_CODES.has(code))) return new OutboundTimeoutError(safeUrl, timeoutMs);
  if (err instanceof OutboundUrlRefusedError)
    return new OutboundUrlRefusedError(err.reason, safeUrl, err.detail);
  if (err instanceof OutboundNetworkError) return new OutboundNetworkError(safeUrl, err.code);
  if (err instanceof OutboundError) return err;
  return new OutboundNetworkError(safeUrl, code ?? 'network error');
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function withContentType(headers: Record<string, string>, body: string | undefined): Record<string, string> {
  if (body === undefined || Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    return headers;
  }
  return { ...headers, 'content-type': 'application/json' };
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
