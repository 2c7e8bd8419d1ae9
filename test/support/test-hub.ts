import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HubConfig, parseHubConfig } from '../../functions/config';
import { type LocalHub, type LocalHubOptions, startLocalHub } from '../../functions/local/local-hub';
import { waitForNoPendingDeliveries } from './deliveries';
import { testDynamoEndpoint } from './dynamo';

export interface TestHub extends LocalHub {
  config: HubConfig;
  dataDir: string;
  /** Admin API call for `tenant` (default the first tenant) with its admin token. */
  admin(
    method: string,
    path: string,
    body?: unknown,
    tenant?: string,
  ): Promise<{ status: number; body: any }>;
  /** Creates a PLANNED partner through the admin API; returns its id and token A. */
  createPartner(
    roles: Array<{ role: string; country_code: string; party_id: string }>,
    name?: string,
  ): Promise<{ id: string; tokenA: string; versionsUrl: string }>;
  versionsUrl(tenant?: string): string;
  /**
   * Waits until no delivery is pending (e.g. the ClientInfo pushes that follow registrations), so a
   * test that makes a partner misbehave for its next request is not beaten to it by such a push.
   */
  waitDeliveriesIdle(timeoutMs?: number): Promise<void>;
}

const DEFAULT_TENANTS = [
  {
    id: 'demo',
    name: 'Demo network',
    hub: { country_code: 'NL', party_id: 'HUB', name: 'Demo Hub' },
    outbound: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 2_000 },
  },
];

export type TestHubOptions = Partial<Omit<LocalHubOptions, 'config' | 'dataDir'>> & {
  /** Tenants of a fresh config (default: one tenant `demo` that may call loopback partners over HTTP). */
  tenants?: unknown[];
  /** A config to reuse instead (a restart on the same tables). */
  config?: HubConfig;
  /** A data folder to reuse (a restart); such a folder is left in place at `stop()`. */
  dataDir?: string;
};

/**
 * The one builder of a test hub: the real hub in-process on a free port, against the run's DynamoDB
 * Local, with tables under a unique prefix so test files never see each other's data. Fixtures with
 * registered partners (`hubWithPlatforms`, `startChargingNetwork`) and the delivery harness are
 * configurations of it.
 */
export async function startTestHub(opts: TestHubOptions = {}): Promise<TestHub> {
  const { tenants, config: givenConfig, dataDir: givenDataDir, ...hubOptions } = opts;
  const config =
    givenConfig ??
    parseHubConfig(
      { tablePrefix: `t${randomUUID().slice(0, 8)}-`, tenants: tenants ?? DEFAULT_TENANTS },
      'test config',
    );
  const dataDir = givenDataDir ?? mkdtempSync(join(tmpdir(), 'hub-test-'));
  const hub = await startLocalHub({
    port: 0,
    dynamoEndpoint: testDynamoEndpoint(),
    logLevel: 'ERROR',
    ...hubOptions,
    config,
    dataDir,
  });
  const firstTenant = config.tenants[0]?.id ?? 'demo';
  const admin: TestHub['admin'] = async (method, path, body, tenant = firstTenant) => {
    const res = await fetch(`${hub.url}/${tenant}/admin${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${hub.adminTokens.get(tenant)}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    ...hub,
    config,
    dataDir,
    admin,
    versionsUrl: (tenant = firstTenant) => `${hub.url}/${tenant}/ocpi/versions`,
    waitDeliveriesIdle: (timeoutMs) => waitForNoPendingDeliveries(admin, timeoutMs),
    async createPartner(roles, name = 'partner') {
      const res = await admin('POST', '/partners', { name, roles });
      if (res.status !== 201)
        throw new Error(`createPartner failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, tokenA: res.body.token_a, versionsUrl: res.body.versions_url };
    },
    async stop() {
      await hub.stop();
      if (!givenDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
