import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/test-hub';

const HUB_PARTY = { country_code: 'NL', party_id: 'HUB', name: 'Hub' };
const LOOPBACK = { allowHttp: true, allowPrivateAddresses: true };

describe('admin API: the tenant', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({
      tenants: [
        {
          id: 'alpha',
          name: 'Alpha network',
          hub: HUB_PARTY,
          outbound: LOOPBACK,
          rateLimits: { partnerPerMinute: 120 },
        },
        { id: 'beta', name: 'Beta network', hub: { ...HUB_PARTY, party_id: 'HBB' }, outbound: LOOPBACK },
      ],
    });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it("shows the admin token's tenant: settings, versions URL and partners by status", async () => {
    // Prepare
    await hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'AAA' }]);
    await hub.createPartner([{ role: 'EMSP', country_code: 'NL', party_id: 'AAB' }]);
    // Act
    const res = await hub.admin('GET', '/tenant', undefined, 'alpha');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: 'alpha',
      name: 'Alpha network',
      hub: HUB_PARTY,
      versions_url: hub.versionsUrl('alpha'),
      outbound: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 10_000 },
      credentials: { tokenATtlHours: 168, rotationMaxAgeDays: 30, rotationGraceSeconds: 600 },
      rate_limits: expect.objectContaining({ partnerPerMinute: 120, tenantPerMinute: 6_000 }),
      partners: { PLANNED: 2 },
    });
  });

  it("never shows another tenant's partners and refuses another tenant's admin token", async () => {
    // Act
    const beta = await hub.admin('GET', '/tenant', undefined, 'beta');
    const crossed = await fetch(`${hub.url}/beta/admin/tenant`, {
      headers: { Authorization: `Bearer ${hub.adminTokens.get('alpha')}` },
    });
    // Assess
    expect(beta.body).toMatchObject({ id: 'beta', partners: {} });
    expect(crossed.status).toBe(401);
    expect(await crossed.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});
