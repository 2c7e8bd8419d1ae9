import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createHubApp } from '../../functions/http/hub-app';
import type { HubRuntime } from '../../functions/hub/hub-runtime';
import type { DynamoClient } from '../../functions/store/dynamo-api';

/** DynamoDB calls one request made, by label: `GetItem PARTNER#`, `TransactWriteItems`, `Query gsi1`... */
export type CallCounts = Map<string, number>;

export interface CountingHubServer {
  /** Origin of a second server of the same runtime whose requests are counted. */
  url: string;
  /** Counts of every request served since the last call, one map per request. */
  drain(): CallCounts[];
  close(): Promise<void>;
}

/**
 * Serves the hub app of `runtime` on its own port, each request inside its own AsyncLocalStorage
 * context, and wraps the runtime's shared DynamoDB client (sharedClientTenantStores: one client for
 * every tenant table) so a call is charged to the request that made it, including work the request
 * leaves running after its answer. The stream poller, delivery worker and scheduled jobs run outside
 * any request context and are not counted.
 */
export async function startCountingHubServer(
  runtime: HubRuntime,
  dynamoClient: DynamoClient,
): Promise<CountingHubServer> {
  const storage = new AsyncLocalStorage<CallCounts>();
  const client = dynamoClient as unknown as {
    send: (command: object, ...rest: unknown[]) => Promise<unknown>;
  };
  const send = client.send.bind(client);
  client.send = (command, ...rest) => {
    const counts = storage.getStore();
    if (counts) {
      const label = labelOf(command);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    return send(command, ...rest);
  };
  let served: CallCounts[] = [];
  const app = createHubApp(runtime);
  const server = createAdaptorServer({
    fetch: (request: Request, env: unknown) => {
      const counts: CallCounts = new Map();
      served.push(counts);
      return storage.run(counts, () => app.fetch(request, env));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    drain() {
      const out = served;
      served = [];
      return out;
    },
    async close() {
      client.send = send;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      });
    },
  };
}

/** The command without its `Command` suffix, with the item's key prefix or the index it reads. */
function labelOf(command: object): string {
  const name = command.constructor.name.replace(/Command$/, '');
  const input = (command as { input?: { Key?: { pk?: { S?: string } }; IndexName?: string } }).input;
  const pk = input?.Key?.pk?.S;
  if (pk) return `${name} ${pk.split('#')[0]}#`;
  return input?.IndexName ? `${name} ${input.IndexName}` : name;
}

/** Average calls per request, in total and per command name. */
export function perRequest(counts: CallCounts[]): { total: number; byCommand: Record<string, number> } {
  const byCommand: Record<string, number> = {};
  let total = 0;
  for (const c of counts) {
    for (const [name, n] of c) {
      byCommand[name] = (byCommand[name] ?? 0) + n;
      total += n;
    }
  }
  const n = Math.max(1, counts.length);
  for (const name of Object.keys(byCommand)) byCommand[name] = (byCommand[name] as number) / n;
  return { total: total / n, byCommand };
}
