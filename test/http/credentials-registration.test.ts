import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { startTestHub, type TestHub } from '../support/test-hub';

describe('partner-initiated registration', () => {
  let hub: TestHub;
  const platforms: SimulatedPlatform[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
    await hub?.stop();
  });

  async function platform(role: 'CPO' | 'EMSP', party: string) {
    const p = await createSimulatedPlatform({ roles: [{ role, country_code: 'NL', party_id: party }] });
    platforms.push(p);
    return p;
  }

  it('registers a CPO with token A, answers with token C and only the HUB role', async () => {
    // Prepare
    const cpo = await platform('CPO', 'CP1');
    const { id, tokenA } = await hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'CP1' }]);
    // Act
    const result = await cpo.registerWith(hub.versionsUrl(), tokenA);
    // Assess
    expect(result.tokenC).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.hubCredentials.roles).toEqual([
      expect.objectContaining({ role: 'HUB', country_code: 'NL', party_id: 'HUB' }),
    ]);
    const detail = await hub.admin('GET', `/partners/${id}`);
    expect(detail.body.status).toBe('CONNECTED');
    expect(detail.body.version).toBe('2.2.1');
    expect(detail.body.endpoints.length).toBeGreaterThan(3);
    expect(JSON.stringify(detail.body)).not.toContain(result.tokenC);
    const versions = await cpo.hubRequest('GET', hub.versionsUrl(), { from: false });
    expect(versions.status).toBe(200);
    const withTokenA = await cpo.hubRequest('GET', hub.versionsUrl(), { token: tokenA, from: false });
    expect(withTokenA.status).toBe(401);
  });
});
