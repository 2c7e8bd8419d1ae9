import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the rogue answers on one path: an OCPI envelope with `data`, or a redirect. */
export type RogueAnswer =
  | { data: unknown; headers?: Record<string, string> }
  | { redirect: string; status?: 301 | 302 | 303 | 307 | 308 };

/**
 * A partner platform that hands the hub whatever URLs an attacker likes: its versions, version details
 * and module answers are set per path by the test (details listing an endpoint at a metadata address,
 * a list answered with a Link to another host, a redirect). Any token is accepted. Loopback, free port.
 */
export interface RoguePartner {
  baseUrl: string;
  /** Serves `answer` on GET `path` (e.g. `/r7/ocpi/versions`). */
  on(path: string, answer: RogueAnswer | (() => RogueAnswer)): void;
  /** Paths the hub requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startRoguePartner(): Promise<RoguePartner> {
  const routes = new Map<string, RogueAnswer | (() => RogueAnswer)>();
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://rogue').pathname;
    requests.push(`${req.method} ${path}`);
    req.resume();
    const route = routes.get(path);
    const answer = typeof route === 'function' ? route() : route;
    if (!answer) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          status_code: 2000,
          status_message: 'no such path',
          timestamp: new Date().toISOString(),
        }),
      );
      return;
    }
    if ('redirect' in answer) {
      res.writeHead(answer.status ?? 302, { Location: answer.redirect });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', ...answer.headers });
    res.end(JSON.stringify({ data: answer.data, status_code: 1000, timestamp: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    on: (path, answer) => void routes.set(path, answer),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A rogue identity under `/{prefix}`: versions -> details -> a credentials endpoint of its own plus the
 * given module endpoints (which may point anywhere). Returns its versions URL.
 */
export function rogueIdentity(
  rogue: RoguePartner,
  prefix: string,
  endpoints: Array<{ identifier: string; role: 'SENDER' | 'RECEIVER'; url: string }>,
  opts: { detailsUrl?: string } = {},
): string {
  const base = `${rogue.baseUrl}/${prefix}/ocpi`;
  rogue.on(`/${prefix}/ocpi/versions`, {
    data: [{ version: '2.2.1', url: opts.detailsUrl ?? `${base}/2.2.1` }],
  });
  rogue.on(`/${prefix}/ocpi/2.2.1`, {
    data: {
      version: '2.2.1',
      endpoints: [
        { identifier: 'credentials', role: 'SENDER', url: `${base}/2.2.1/credentials` },
        ...endpoints,
      ],
    },
  });
  return `${base}/versions`;
}
