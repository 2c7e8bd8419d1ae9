import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HubConfig, parseHubConfig } from '../../../functions/config';
import type { DeliveryPolicy } from '../../../functions/hub/delivery/delivery-policy';
import { type OutboxMessage, outboxSequence } from '../../../functions/store/outbox.repository';
import { waitForNoPendingDeliveries } from '../../support/deliveries';
import { eventually } from '../../support/eventually';
import { startTestHub, type TestHub } from '../../support/test-hub';

/** Quick retries and a fast sweep; still-alive and the other jobs only run when a test says so. */
const FAST_DELIVERY = {
  policy: { baseDelayMs: 100, maxDelayMs: 400, maxAttempts: 6, leaseMs: 5_000, fanOutGraceMs: 2_000 },
  jobIntervalsMs: {
    'delivery-retry': 200,
    'still-alive': 3_600_000,
    'credential-rotation': 3_600_000,
    'command-timeouts': 3_600_000,
  },
  pollIntervalMs: 50,
};

export interface DeliveryTestHub extends TestHub {
  /** Writes outbox messages the way a receiver route does: in a transaction (here on their own). */
  enqueue(...messages: OutboxMessage[]): Promise<void>;
}

export function testConfig(): HubConfig {
  return parseHubConfig(
    {
      tablePrefix: `d${randomUUID().slice(0, 8)}-`,
      tenants: [
        {
          id: 'demo',
          name: 'Demo network',
          hub: { country_code: 'NL', party_id: 'HUB', name: 'Demo Hub' },
          outbound: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 3_000 },
        },
      ],
    },
    'delivery test config',
  );
}

/**
 * The test hub (test/support/test-hub.ts) with delivery tuned for tests; pass the same config and
 * dataDir to restart it on the same tables.
 */
export async function startDeliveryTestHub(
  opts: {
    config?: HubConfig;
    dataDir?: string;
    silenceMs?: number;
    /** Another way to the test DynamoDB Local (e.g. a fault proxy in front of it). */
    dynamoEndpoint?: string;
    policy?: Partial<DeliveryPolicy>;
  } = {},
): Promise<DeliveryTestHub> {
  const hub = await startTestHub({
    config: opts.config ?? testConfig(),
    dataDir: opts.dataDir ?? mkdtempSync(join(tmpdir(), 'hub-delivery-')),
    ...(opts.dynamoEndpoint ? { dynamoEndpoint: opts.dynamoEndpoint } : {}),
    // A fixed admin token: a generated one is shown only by the start that creates it, not after a restart.
    adminToken: 'delivery-test-admin-token',
    delivery: {
      ...FAST_DELIVERY,
      policy: { ...FAST_DELIVERY.policy, ...opts.policy },
      silenceMs: opts.silenceMs,
    },
  });
  return {
    ...hub,
    async enqueue(...messages) {
      const { outbox } = hub.runtime.stores.forTenant('demo');
      for (const msg of messages) await outbox.putIfAbsent(msg);
    },
  };
}

let tiebreak = 0;

/** A Location push by CPO NL/CP1 as the locations receiver route would queue it. */
export function locationMessage(
  locationId: string,
  change: { method?: 'PUT' | 'PATCH'; evse?: string; body: Record<string, unknown> },
): OutboxMessage {
  const lastUpdated = new Date(Date.now()).toISOString();
  const body =
    change.method === 'PATCH'
      ? { last_updated: lastUpdated, ...change.body }
      : { country_code: 'NL', party_id: 'CP1', id: locationId, last_updated: lastUpdated, ...change.body };
  return {
    id: randomUUID(),
    kind: 'broadcast',
    module: 'locations',
    method: change.method ?? 'PUT',
    pathSegments: ['NL', 'CP1', locationId, ...(change.evse ? [change.evse] : [])],
    bodyText: JSON.stringify(body),
    owner: { country_code: 'NL', party_id: 'CP1', role: 'CPO' },
    objectKey: `locations:NL*CP1*${locationId}`,
    sequence: outboxSequence(Date.parse(lastUpdated), ++tiebreak),
    correlationId: randomUUID(),
    createdAt: lastUpdated,
  };
}

/** Waits until no delivery is pending (e.g. the ClientInfo pushes that follow registrations). */
export function waitIdle(hub: DeliveryTestHub, timeoutMs = 10_000): Promise<void> {
  return waitForNoPendingDeliveries(hub.admin, timeoutMs);
}

/**
 * Waits until a partner has no pending delivery for `path` (e.g. 'NL/CP1/LOC4'): every push its lane
 * was going to make has been answered, so what it received is final.
 */
export async function waitLaneSettled(
  hub: DeliveryTestHub,
  partnerId: string | undefined,
  path: string,
  timeoutMs = 10_000,
): Promise<void> {
  await eventually(
    async () => {
      const pending = await hub.admin('GET', `/deliveries?partner=${partnerId}&status=pending&limit=100`);
      return !pending.body.deliveries.some((d: { path: string }) => d.path === path);
    },
    { timeoutMs, intervalMs: 100, what: `no pending delivery for ${path}` },
  );
}
