import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, locationOf } from '../hub/objects/object-fixtures';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { recordedMetrics } from '../support/recorded-metrics';
import { startTestHub, type TestHub } from '../support/test-hub';

const CP1 = { country_code: 'NL', party_id: 'CP1' };
const HUB_PARTY = { country_code: 'NL', party_id: 'HUB', name: 'Hub' };
const LOOPBACK = { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 2_000 };
const TENANTS = [
  { id: 'demo', name: 'Demo', hub: HUB_PARTY, outbound: LOOPBACK },
  { id: 'tiny', name: 'Tiny', hub: HUB_PARTY, outbound: LOOPBACK, rateLimits: { tenantPerMinute: 10 } },
];

/** The counts the hub emits while it runs the OCPI flows (functions/metric-names.ts). */
describe('hub metrics', () => {
  const metrics = recordedMetrics();
  let hub: TestHub;
  let cpo: SimulatedPlatform;
  let emsp: SimulatedPlatform;
  let emspId: string;
  const platforms: SimulatedPlatform[] = [];

  async function registered(role: 'CPO' | 'EMSP', partyId: string) {
    const platform = await createSimulatedPlatform({
      roles: [{ role, country_code: 'NL', party_id: partyId }],
    });
    platforms.push(platform);
    const { id, tokenA } = await hub.createPartner([{ role, country_code: 'NL', party_id: partyId }]);
    await platform.registerWith(hub.versionsUrl(), tokenA);
    return { platform, id };
  }

  beforeAll(async () => {
    hub = await startTestHub({ metrics, tenants: TENANTS });
    cpo = (await registered('CPO', 'CP1')).platform;
    ({ platform: emsp, id: emspId } = await registered('EMSP', 'EM1'));
    await hub.waitDeliveriesIdle();
  });
  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
    await hub?.stop();
  });

  it('counts each partner-initiated registration as a handshake of its tenant', () => {
    // Assess
    const handshakes = metrics.counts.filter((c) => c.name === 'Handshakes');
    expect(handshakes).toHaveLength(2);
    expect(handshakes[0]).toMatchObject({
      dimensions: { Tenant: 'demo' },
      properties: { InitiatedBy: 'partner' },
    });
  });

  it('counts requests by API, module, method and status', async () => {
    // Prepare
    const before = metrics.total('Requests', {
      Api: 'ocpi',
      Module: 'locations',
      Method: 'PUT',
      Status: '201',
    });
    // Act
    const pushed = await cpo.pushLocation(locationOf(CP1, 'LOC-M1', at(1)));
    // Assess
    expect(pushed.status).toBe(201);
    expect(
      metrics.total('Requests', { Api: 'ocpi', Module: 'locations', Method: 'PUT', Status: '201' }),
    ).toBe(before + 1);
    expect(
      metrics.total('Requests', { Api: 'admin', Module: 'partners', Method: 'POST', Status: '201' }),
    ).toBe(2);
  });

  it('counts a refused token as an authentication failure of the tenant and API', async () => {
    // Act
    const ocpi = await fetch(hub.versionsUrl(), { headers: { Authorization: 'Token not-a-token' } });
    const admin = await fetch(`${hub.url}/demo/admin/partners`, {
      headers: { Authorization: 'Bearer not-a-token-at-all' },
    });
    // Assess
    expect([ocpi.status, admin.status]).toEqual([401, 401]);
    expect(metrics.total('AuthFailures', { Tenant: 'demo', Api: 'ocpi' })).toBe(1);
    expect(metrics.total('AuthFailures', { Tenant: 'demo', Api: 'admin' })).toBe(1);
    expect(metrics.total('Requests', { Api: 'ocpi', Module: 'versions', Method: 'GET', Status: '401' })).toBe(
      1,
    );
  });

  it('keeps made-up methods and paths out of the dimension values', async () => {
    // Act
    await fetch(`${hub.url}/demo/ocpi/2.2.1/sender/anything-${Date.now()}`, { method: 'PROPFIND' });
    // Assess
    const last = metrics.counts.filter((c) => c.name === 'Requests').at(-1);
    expect(last?.dimensions).toEqual({ Api: 'ocpi', Module: 'other', Method: 'OTHER', Status: '401' });
  });

  it('counts pushes the receiver accepted, attempts that failed and the retries they scheduled', async () => {
    // Prepare
    const sent = metrics.total('DeliveriesSent', { Tenant: 'demo' });
    emsp.failNext(1, 'http500');
    // Act
    await cpo.pushLocation(locationOf(CP1, 'LOC-M2', at(2)));
    // Assess
    await emsp.waitFor(
      () => emsp.received.some((r) => r.path.endsWith('/LOC-M2') && r.method === 'PUT'),
      15_000,
    );
    await hub.waitDeliveriesIdle(30_000);
    expect(metrics.total('DeliveriesFailed', { Tenant: 'demo' })).toBeGreaterThanOrEqual(1);
    expect(metrics.total('DeliveriesRetried', { Tenant: 'demo' })).toBeGreaterThanOrEqual(1);
    expect(metrics.total('DeliveriesSent', { Tenant: 'demo' })).toBeGreaterThan(sent);
  });

  it('counts each request refused with 429 as a throttle of its tenant', async () => {
    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${hub.url}/tiny/ocpi/versions`)).status);
    // Assess
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThan(0);
    expect(metrics.total('Throttled', { Tenant: 'tiny' })).toBe(refused);
    expect(metrics.total('Throttled', { Tenant: 'demo' })).toBe(0);
  });

  it('counts a hub-initiated rotation', async () => {
    // Act
    const rotated = await hub.admin('POST', `/partners/${emspId}/rotate`);
    // Assess
    expect(rotated.status).toBe(200);
    expect(metrics.counts.filter((c) => c.name === 'Rotations')).toEqual([
      { name: 'Rotations', dimensions: { Tenant: 'demo' }, value: 1, properties: { InitiatedBy: 'hub' } },
    ]);
  });
});
