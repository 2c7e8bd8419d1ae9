import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HubConfig, parseHubConfig } from '../../functions/config';
import type { DeliveryLoopTuning } from '../../functions/local/delivery-loop';
import { type LocalHub, startLocalHub } from '../../functions/local/local-hub';
import { createSimulatedPlatform, type SimulatedPlatform, type SimulatedRole } from '../../test/partners';

export interface BenchHubOptions {
  dynamoEndpoint: string;
  /** Tenant ids (default one tenant, `demo`). */
  tenants?: string[];
  authCache?: false;
  /** The tenant's outbound timeout: above the slowest simulated partner. */
  timeoutMs?: number;
  delivery?: DeliveryLoopTuning;
  /** Table prefix (default a fresh one): lets a benchmark create and fill tables before the hub starts. */
  tablePrefix?: string;
}

export interface BenchHub {
  hub: LocalHub;
  config: HubConfig;
  url: string;
  versionsUrl(tenant?: string): string;
  admin(
    method: string,
    path: string,
    body?: unknown,
    tenant?: string,
  ): Promise<{ status: number; body: unknown }>;
  /** Creates the partner through the admin API and registers a simulated platform with it. */
  connect(role: SimulatedRole, tenant?: string): Promise<SimulatedPlatform>;
  stop(): Promise<void>;
}

export const newTablePrefix = () => `b${randomUUID().slice(0, 8)}-`;

/** Config for benchmark hubs: loopback partners over http allowed, as in local development. */
export function benchConfig(tenants: string[], tablePrefix: string, timeoutMs = 5_000): HubConfig {
  return parseHubConfig(
    {
      tablePrefix,
      tenants: tenants.map((id) => ({
        id,
        name: `Bench ${id}`,
        hub: { country_code: 'NL', party_id: 'HUB', name: 'Bench Hub' },
        outbound: { allowHttp: true, allowPrivateAddresses: true, timeoutMs },
        // Benchmarks drive thousands of requests a second through one partner: limits far above that.
        rateLimits: { partnerPerMinute: 1_000_000, tenantPerMinute: 10_000_000 },
      })),
    },
    'bench config',
  );
}

/** The real local hub (startLocalHub) on a free loopback port, quiet (logLevel ERROR). */
export async function startBenchHub(opts: BenchHubOptions): Promise<BenchHub> {
  const tenants = opts.tenants ?? ['demo'];
  const config = benchConfig(tenants, opts.tablePrefix ?? newTablePrefix(), opts.timeoutMs);
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const hub = await startLocalHub({
    config,
    dataDir,
    port: 0,
    dynamoEndpoint: opts.dynamoEndpoint,
    logLevel: 'ERROR',
    ...(opts.authCache === false ? { authCache: false as const } : {}),
    ...(opts.delivery ? { delivery: opts.delivery } : {}),
  });
  const platforms: SimulatedPlatform[] = [];
  const defaultTenant = tenants[0] as string;
  const admin: BenchHub['admin'] = async (method, path, body, tenant = defaultTenant) => {
    const res = await fetch(`${hub.url}/${tenant}/admin${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${hub.adminTokens.get(tenant)}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const versionsUrl = (tenant = defaultTenant) => `${hub.url}/${tenant}/ocpi/versions`;
  return {
    hub,
    config,
    url: hub.url,
    versionsUrl,
    admin,
    async connect(role, tenant = defaultTenant) {
      const created = await admin(
        'POST',
        '/partners',
        { name: `${role.role} ${role.party_id}`, roles: [role] },
        tenant,
      );
      if (created.status !== 201) throw new Error(`creating a partner failed: HTTP ${created.status}`);
      const platform = await createSimulatedPlatform({ roles: [role] });
      platforms.push(platform);
      await platform.registerWith(versionsUrl(tenant), (created.body as { token_a: string }).token_a);
      return platform;
    },
    async stop() {
      await Promise.all(platforms.map((p) => p.close()));
      await hub.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `Authorization` value a platform presents: its token, base64 as OCPI 2.2.1 says (ocpi-notes §1.1). */
export const tokenHeader = (token: string | undefined) => {
  if (!token) throw new Error('the platform holds no token: is it registered?');
  return `Token ${Buffer.from(token, 'utf8').toString('base64')}`;
};
