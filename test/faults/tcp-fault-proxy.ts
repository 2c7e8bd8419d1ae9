import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/** How the proxy treats traffic: pass it, hold every byte (a frozen database), or reset connections. */
export type ProxyMode = 'pass' | 'freeze' | 'refuse';

export interface TcpFaultProxy {
  /** `http://127.0.0.1:<port>`: point the client here instead of at the upstream. */
  url: string;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of a real server (here the run's DynamoDB Local), so a test can
 * freeze or stop "the database" for one hub without touching the server every other test file uses.
 * Frozen: connections are accepted and bytes held in both directions until `pass` again, like a
 * SIGSTOPped process. Refused: every open and new connection is reset, like a killed one.
 */
export async function startTcpFaultProxy(upstream: string): Promise<TcpFaultProxy> {
  const target = new URL(upstream);
  let mode: ProxyMode = 'pass';
  const pairs = new Set<[Socket, Socket]>();

  const server: Server = createServer((client) => {
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const server = connect(Number(target.port), target.hostname);
    const pair: [Socket, Socket] = [client, server];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('data', (chunk) => server.write(chunk));
    server.on('data', (chunk) => client.write(chunk));
    for (const socket of pair) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
    if (mode === 'freeze') for (const socket of pair) socket.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode(next) {
      mode = next;
      for (const pair of [...pairs]) {
        for (const socket of pair) {
          if (next === 'freeze') socket.pause();
          else if (next === 'pass') socket.resume();
          else socket.resetAndDestroy();
        }
      }
    },
    async close() {
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
