import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server, type Socket } from 'node:net';

export type Canary = { port: number; connections(): number; close(): Promise<void> };

/** A TCP listener on 127.0.0.1 that counts connections and drops them: proof that nothing connected. */
export async function startCanary(): Promise<Canary> {
  let connections = 0;
  const server = createNetServer((socket) => {
    connections++;
    socket.destroy();
  });
  const port = await listen(server);
  return { port, connections: () => connections, close: () => closeServer(server) };
}

export type LoopbackHttpServer = {
  port: number;
  url(path: string): string;
  connections(): number;
  /** Destroys every open connection, kept-alive idle ones included: a partner restarting. */
  dropConnections(): void;
  close(): Promise<void>;
};

export async function startHttpServer(handler: RequestListener): Promise<LoopbackHttpServer> {
  let connections = 0;
  const server = createHttpServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    connections: () => connections,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      server.closeAllConnections();
      await closeServer(server);
    },
  };
}

/** Lets any connection attempt that was (wrongly) started reach the listener before counting. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
