import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { startTestHub, type TestHub } from '../support/test-hub';

describe('HubClientInfo Sender interface (GET /hubclientinfo)', () => {
  let hub: TestHub;
  let emsp: SimulatedPlatform;
  let url: string;
  let pendingTokenA: string;

  beforeAll(async () => {
    hub = await startTestHub();
    emsp = await createSimulatedPlatform({ roles: [{ role: 'EMSP', country_code: 'NL', party_id: 'EM1' }] });
    const registered = await hub.createPartner([{ role: 'EMSP', country_code: 'NL', party_id: 'EM1' }]);
    await emsp.registerWith(hub.versionsUrl(), registered.tokenA);
    await hub.createPartner([
      { role: 'CPO', country_code: 'DE', party_id: 'CP1' },
      { role: 'EMSP', country_code: 'DE', party_id: 'CP1' },
    ]);
    pendingTokenA = (await hub.createPartner([{ role: 'CPO', country_code: 'BE', party_id: 'CP2' }])).tokenA;
    url = `${hub.url}/demo/ocpi/2.2.1/hubclientinfo`;
  });
  afterAll(async () => {
    await emsp?.close();
    await hub?.stop();
  });

  it('lists every party of the tenant as ClientInfo, paginated with a Link to the next page', async () => {
    // Act
    const first = await emsp.hubRequest('GET', `${url}?limit=2`);
    const nextUrl = /<([^>]+)>;\s*rel="next"/.exec(first.headers['link'] ?? '')?.[1];
    const second = await emsp.hubRequest('GET', nextUrl ?? '');
    // Assess
    expect(first.status).toBe(200);
    expect(first.headers['x-total-count']).toBe('4');
    expect(first.headers['x-limit']).toBe('100');
    expect(nextUrl).toBe(`${url}?limit=2&offset=2`);
    expect(second.headers['link']).toBeUndefined();
    const all = [...(first.body as { data: unknown[] }).data, ...(second.body as { data: unknown[] }).data];
    expect(all).toHaveLength(4);
    expect(all).toContainEqual({
      country_code: 'NL',
      party_id: 'EM1',
      role: 'EMSP',
      status: 'CONNECTED',
      last_updated: expect.any(String),
    });
    expect(all).toContainEqual(
      expect.objectContaining({ country_code: 'BE', party_id: 'CP2', status: 'PLANNED' }),
    );
    const times = all.map((c) => (c as { last_updated: string }).last_updated);
    expect(times).toEqual([...times].sort());
  });

  it('applies date_from (inclusive) and date_to (exclusive) to last_updated', async () => {
    // Prepare
    const everything = await emsp.hubRequest('GET', url);
    const times = (everything.body as { data: Array<{ last_updated: string }> }).data.map(
      (c) => c.last_updated,
    );
    const newest = times.at(-1) as string;
    // Act
    const fromNewest = await emsp.hubRequest('GET', `${url}?date_from=${encodeURIComponent(newest)}`);
    const beforeNewest = await emsp.hubRequest('GET', `${url}?date_to=${encodeURIComponent(newest)}`);
    // Assess
    const fromCount = (fromNewest.body as { data: unknown[] }).data.length;
    const beforeCount = (beforeNewest.body as { data: unknown[] }).data.length;
    expect(fromCount).toBeGreaterThanOrEqual(1);
    expect(fromCount + beforeCount).toBe(times.length);
    expect(fromNewest.headers['x-total-count']).toBe(String(fromCount));
  });

  it('refuses a token A and answers 2001 to a malformed date', async () => {
    // Act
    const withTokenA = await emsp.hubRequest('GET', url, { token: pendingTokenA });
    const badDate = await emsp.hubRequest('GET', `${url}?date_from=yesterday`);
    // Assess
    expect(withTokenA.status).toBe(401);
    expect(badDate.body).toMatchObject({ status_code: 2001 });
  });
});
