import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/test-hub';

const tenant = (id: string, party: string) => ({
  id,
  name: `${id} network`,
  hub: { country_code: 'NL', party_id: party, name: `${id} hub` },
  outbound: { allowHttp: true, allowPrivateAddresses: true },
});

describe('versions module and tenant isolation', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ tenants: [tenant('alpha', 'HBA'), tenant('beta', 'HBB')] });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${hub.url}${path}`, {
      headers: { ...(token ? { Authorization: `Token ${token}` } : {}), ...headers },
    });

  it('lists 2.1.1 and 2.2.1, and the 2.2.1 endpoints, to token A, base64 or raw', async () => {
    // Prepare
    const { tokenA } = await hub.createPartner([{ role: 'CPO', country_code: 'DE', party_id: 'AAA' }]);
    // Act
    const raw = await get('/alpha/ocpi/versions', tokenA);
    const encoded = await get('/alpha/ocpi/versions', Buffer.from(tokenA).toString('base64'));
    const details = await get('/alpha/ocpi/2.2.1', tokenA);
    // Assess
    expect(raw.status).toBe(200);
    expect(encoded.status).toBe(200);
    const versions = await raw.json();
    expect(versions).toMatchObject({
      status_code: 1000,
      data: [
        { version: '2.1.1', url: `${hub.url}/alpha/ocpi/2.1.1` },
        { version: '2.2.1', url: `${hub.url}/alpha/ocpi/2.2.1` },
      ],
    });
    const body = (await details.json()) as { data: { version: string; endpoints: unknown[] } };
    expect(body.data.version).toBe('2.2.1');
    expect(body.data.endpoints).toContainEqual({
      identifier: 'credentials',
      role: 'SENDER',
      url: `${hub.url}/alpha/ocpi/2.2.1/credentials`,
    });
    // Configuration modules once, as SENDER; every functional module on both sides (a hub sits on both).
    const listed = (body.data.endpoints as { identifier: string; role: string }[])
      .map((e) => `${e.identifier}:${e.role}`)
      .sort();
    const functional = ['cdrs', 'chargingprofiles', 'commands', 'locations', 'sessions', 'tariffs', 'tokens'];
    expect(listed).toEqual(
      [
        'credentials:SENDER',
        'hubclientinfo:SENDER',
        ...functional.flatMap((m) => [`${m}:RECEIVER`, `${m}:SENDER`]),
      ].sort(),
    );
  });

  it('refuses a token of one tenant on another tenant with 401', async () => {
    // Prepare
    const { tokenA } = await hub.createPartner([{ role: 'CPO', country_code: 'DE', party_id: 'BBB' }]);
    // Act
    const res = await get('/beta/ocpi/versions', tokenA);
    // Assess
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status_code: 2000 });
  });

  it('answers 404 with the envelope for an unknown tenant and an unknown route', async () => {
    // Prepare
    const { tokenA } = await hub.createPartner([{ role: 'CPO', country_code: 'DE', party_id: 'CCC' }]);
    // Act
    const unknownTenant = await get('/gamma/ocpi/versions', tokenA);
    const unknownRoute = await get('/alpha/ocpi/9.9/nothing', tokenA);
    const rootRoute = await get('/nothing');
    // Assess
    for (const res of [unknownTenant, unknownRoute, rootRoute]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ status_code: 2000, timestamp: expect.any(String) });
    }
  });

  it('echoes X-Request-ID and X-Correlation-ID, and generates them when missing', async () => {
    // Prepare
    const { tokenA } = await hub.createPartner([{ role: 'CPO', country_code: 'DE', party_id: 'DDD' }]);
    // Act
    const given = await get('/alpha/ocpi/versions', tokenA, {
      'X-Request-ID': 'req-1',
      'X-Correlation-ID': 'cor-1',
    });
    const missing = await get('/alpha/ocpi/versions', tokenA);
    // Assess
    expect(given.headers.get('x-request-id')).toBe('req-1');
    expect(given.headers.get('x-correlation-id')).toBe('cor-1');
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps admin tokens per tenant: one tenant's admin token is refused on the other", async () => {
    // Prepare
    const alphaToken = hub.adminTokens.get('alpha');
    // Act
    const res = await fetch(`${hub.url}/beta/admin/partners`, {
      headers: { Authorization: `Bearer ${alphaToken}` },
    });
    // Assess
    expect(alphaToken).not.toBe(hub.adminTokens.get('beta'));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});
