import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

export interface ForwardingProxy {
  url: string;
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones undici sets itself. */
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * The baseline of routed-overhead: the least a forwarder can do. No authentication, validation,
 * storage, logging or header rewriting beyond swapping the token; a pooled keep-alive undici client,
 * the body buffered like the hub buffers it. Requests under `prefix` go to `targetBase` + the rest.
 */
export async function startForwardingProxy(opts: {
  prefix: string;
  targetBase: string;
  authorization: string;
}): Promise<ForwardingProxy> {
  const target = new URL(opts.targetBase);
  const pool = new Pool(target.origin, { connections: 64, keepAliveTimeout: 60_000 });
  const server = createServer((req, res) => {
    const rest = (req.url ?? '/').slice(opts.prefix.length);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const upstream = await pool.request({
          method: (req.method ?? 'GET') as 'GET',
          path: `${target.pathname}${rest}`,
          headers: { ...forwardable(req.headers), authorization: opts.authorization },
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        const body = Buffer.from(await upstream.body.arrayBuffer());
        const type = upstream.headers['content-type'];
        res.writeHead(upstream.statusCode, type ? { 'content-type': String(type) } : {});
        res.end(body);
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
    },
  };
}

function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name)) out[name] = String(value);
  }
  return out;
}
