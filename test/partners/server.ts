import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { PlatformState } from './platform-state';
import type { SimEnv } from './sim-env';
import type { FailureMode } from './types';

/** The failure chosen for each inbound request, decided below Hono so 'down' can drop the socket. */
export const requestFailures = new WeakMap<IncomingMessage, FailureMode | undefined>();

export interface RunningServer {
  baseUrl: string;
  /** Destroys every open connection (keep-alive ones included), e.g. when going 'down'. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 with a free port. 'down' keeps the port but destroys each connection. */
export async function startServer(app: Hono<SimEnv>, state: PlatformState): Promise<RunningServer> {
  const listener = getRequestListener(app.fetch);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const failure = state.misbehaviour.nextFailure(url.pathname);
    if (failure === 'down') {
      state.requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search.slice(1),
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: undefined,
        at: new Date(),
        failedAs: 'down',
      });
      req.socket.destroy();
      return;
    }
    requestFailures.set(req, failure);
    void listener(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the simulated platform did not get a port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
