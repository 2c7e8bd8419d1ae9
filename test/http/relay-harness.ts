import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import type { HubEnv } from '../../functions/http/http-env';
import { credentialsModule } from '../../functions/http/ocpi/credentials.routes';
import { forwardFromRequest } from '../../functions/http/ocpi/forwarding';
import type { OcpiModule } from '../../functions/http/ocpi/ocpi-module';
import { createOcpiApp } from '../../functions/http/ocpi-app';
import type { ModuleId } from '../../functions/ocpi/modules';
import type { SimulatedPlatform, SimulatedRole } from '../partners';
import { PlatformPool } from '../support/platforms';
import { startTestHub, type TestHub } from '../support/test-hub';

/** Modules the test-only routing module forwards, on both interfaces. */
const ROUTED: readonly ModuleId[] = ['locations', 'tokens'];

/**
 * A stand-in for the real module routes (written elsewhere): every request to the hub's Sender or
 * Receiver interface of locations/tokens is forwarded as is to the same interface of the TO party.
 */
export const routingTestModule: OcpiModule = {
  endpoints: ROUTED.flatMap((identifier) => [
    { identifier, role: 'SENDER' as const },
    { identifier, role: 'RECEIVER' as const },
  ]),
  routes() {
    const app = new Hono<HubEnv>();
    for (const iface of ['SENDER', 'RECEIVER'] as const) {
      for (const module of ROUTED) {
        const prefix = `/${iface.toLowerCase()}/${module}`;
        const handler = (c: Context<HubEnv>) => {
          const rest = c.req.path.split(prefix)[1] ?? '';
          const pathSegments = rest.split('/').filter(Boolean).map(decodeURIComponent);
          return forwardFromRequest(c, { module, targetInterface: iface, pathSegments });
        };
        app.all(prefix, handler);
        app.all(`${prefix}/*`, handler);
      }
    }
    return app;
  },
};

export interface RoutingFixture {
  hub: TestHub;
  /** `{base}/demo/ocpi/versions` of the app serving the routing test module. */
  versionsUrl: string;
  baseUrl: string;
  /** Creates the partner at the hub and registers a simulated platform with it. */
  connect(role: SimulatedRole, opts?: { tokenEncoding?: 'base64' | 'raw' }): Promise<ConnectedPlatform>;
  stop(): Promise<void>;
}

export interface ConnectedPlatform {
  platform: SimulatedPlatform;
  partnerId: string;
}

/**
 * The real hub runtime (DynamoDB Local, outbound client) serving createOcpiApp with credentials and
 * the routing test module on its own loopback port; the test hub's server keeps the admin API.
 */
export async function startRoutingFixture(opts: { timeoutMs?: number } = {}): Promise<RoutingFixture> {
  const hub = await startTestHub({
    tenants: [
      {
        id: 'demo',
        name: 'Demo network',
        hub: { country_code: 'NL', party_id: 'HUB', name: 'Demo Hub' },
        outbound: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: opts.timeoutMs ?? 2_000 },
      },
    ],
  });
  const app = createOcpiApp(hub.runtime, [credentialsModule, routingTestModule]);
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Partners are to reach this server: the URLs the hub hands out come from its public URL only.
  hub.runtime.publicUrl = baseUrl;
  const versionsUrl = `${baseUrl}/demo/ocpi/versions`;
  const pool = new PlatformPool();
  return {
    hub,
    versionsUrl,
    baseUrl,
    connect(role, connectOpts = {}) {
      return pool.registered(hub, role.role, role.party_id, {
        ...connectOpts,
        countryCode: role.country_code,
        versionsUrl,
      });
    },
    async stop() {
      await pool.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await hub.stop();
    },
  };
}
