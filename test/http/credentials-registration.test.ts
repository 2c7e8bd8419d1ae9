import { describe, expect, it } from 'vitest';
import { HubCallError } from '../partners';
import { hubWithPlatforms } from '../support/platforms';

async function registrationFailure(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HubCallError);
  return (err as HubCallError).response;
}

describe('partner-initiated registration (credentials POST)', () => {
  const fx = hubWithPlatforms();
  const { pool } = fx;

  it('registers a CPO with token A, answers with token C and only the HUB role', async () => {
    // Prepare
    const cpo = await pool.create('CPO', 'CP1');
    const { id, tokenA } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'CP1' }]);
    // Act
    const result = await cpo.registerWith(fx.hub.versionsUrl(), tokenA);
    // Assess
    expect(result.tokenC).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.hubCredentials.roles).toEqual([
      expect.objectContaining({ role: 'HUB', country_code: 'NL', party_id: 'HUB' }),
    ]);
    expect(result.hubCredentials.url).toBe(fx.hub.versionsUrl());
    const detail = await fx.hub.admin('GET', `/partners/${id}`);
    expect(detail.body).toMatchObject({
      status: 'CONNECTED',
      version: '2.2.1',
      versions_url: cpo.versionsUrl,
    });
    expect(detail.body.endpoints.length).toBeGreaterThan(3);
    expect(JSON.stringify(detail.body)).not.toContain(result.tokenC);
    // The hub called the partner back with token B inside the POST.
    expect(cpo.requests.some((r) => r.path === '/ocpi/versions')).toBe(true);
  });

  it('lets token A work once: after registration it is refused everywhere', async () => {
    // Prepare
    const emsp = await pool.create('EMSP', 'EM1');
    const { tokenA } = await fx.hub.createPartner([{ role: 'EMSP', country_code: 'NL', party_id: 'EM1' }]);
    await emsp.registerWith(fx.hub.versionsUrl(), tokenA);
    // Act
    const versionsWithA = await emsp.hubRequest('GET', fx.hub.versionsUrl(), { token: tokenA });
    const withC = await emsp.hubRequest('GET', fx.hub.versionsUrl());
    // Assess
    expect(versionsWithA.status).toBe(401);
    expect(withC.status).toBe(200);
  });

  it('answers 405 to a second POST, and to PUT or DELETE before registration', async () => {
    // Prepare
    const cpo = await pool.create('CPO', 'CP2');
    const { tokenA } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'CP2' }]);
    const credentialsUrl = `${fx.hub.url}/demo/ocpi/2.2.1/credentials`;
    const body = { token: 'x'.repeat(20), url: cpo.versionsUrl, roles: [] };
    // Act
    const putBefore = await cpo.hubRequest('PUT', credentialsUrl, { token: tokenA, body });
    const deleteBefore = await cpo.hubRequest('DELETE', credentialsUrl, { token: tokenA });
    await cpo.registerWith(fx.hub.versionsUrl(), tokenA);
    const postAfter = await cpo.hubRequest('POST', credentialsUrl, { body });
    // Assess
    expect(putBefore.status).toBe(405);
    expect(deleteBefore.status).toBe(405);
    expect(postAfter.status).toBe(405);
    expect(postAfter.body).toMatchObject({ status_code: 2000 });
  });

  it('refuses token A on functional modules with 401', async () => {
    // Prepare
    const cpo = await pool.create('CPO', 'CP3');
    const { tokenA } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'CP3' }]);
    // Act
    const res = await cpo.hubRequest('GET', `${fx.hub.url}/demo/ocpi/2.2.1/sender/locations`, {
      token: tokenA,
    });
    // Assess
    expect(res.status).toBe(401);
  });

  it('answers 3001 when the partner cannot be reached or answers garbage', async () => {
    for (const mode of ['down', 'garbage', 'http500'] as const) {
      // Prepare
      const cpo = await pool.create('CPO', `D${mode.length}${mode[0]?.toUpperCase()}`.slice(0, 3));
      const party = cpo.roles[0]?.party_id ?? '';
      const { tokenA, id } = await fx.hub.createPartner([
        { role: 'CPO', country_code: 'NL', party_id: party },
      ]);
      cpo.behave(mode);
      // Act
      const response = await registrationFailure(cpo.registerWith(fx.hub.versionsUrl(), tokenA));
      // Assess
      expect(response?.body).toMatchObject({ status_code: 3001 });
      expect((await fx.hub.admin('GET', `/partners/${id}`)).body.status).toBe('PLANNED');
    }
  });

  it('answers 3002 when there is no mutual version', async () => {
    // Prepare
    const cpo = await pool.create('CPO', 'V21');
    const { tokenA } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'V21' }]);
    cpo.setVersions(['2.1.1']);
    // Act
    const response = await registrationFailure(cpo.registerWith(fx.hub.versionsUrl(), tokenA));
    // Assess
    expect(response?.body).toMatchObject({ status_code: 3002 });
  });

  it('answers 3003 when required endpoints are missing', async () => {
    for (const [party, omit] of [
      ['M01', ['credentials']],
      [
        'M02',
        [
          'cdrs',
          'chargingprofiles',
          'commands',
          'hubclientinfo',
          'locations',
          'sessions',
          'tariffs',
          'tokens',
        ],
      ],
    ] as const) {
      // Prepare
      const cpo = await pool.create('CPO', party);
      const { tokenA } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: party }]);
      cpo.omitEndpoints([...omit]);
      // Act
      const response = await registrationFailure(cpo.registerWith(fx.hub.versionsUrl(), tokenA));
      // Assess
      expect(response?.body).toMatchObject({ status_code: 3003 });
    }
  });

  it('refuses a role the admin did not onboard with 2001 naming the role', async () => {
    // Prepare
    const cpo = await pool.create('CPO', 'XX1');
    const { tokenA } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'OK1' }]);
    // Act
    const response = await registrationFailure(cpo.registerWith(fx.hub.versionsUrl(), tokenA));
    // Assess
    expect(response?.body).toMatchObject({ status_code: 2001 });
    expect((response?.body as { status_message?: string } | undefined)?.status_message).toContain('roles[0]');
  });

  it('rejects a malformed credentials body with 2001 naming the field, and invalid JSON with 400', async () => {
    // Prepare
    const cpo = await pool.create('CPO', 'BAD');
    const { tokenA } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'BAD' }]);
    const url = `${fx.hub.url}/demo/ocpi/2.2.1/credentials`;
    // Act
    const wrongType = await cpo.hubRequest('POST', url, {
      token: tokenA,
      body: { token: 42, url: cpo.versionsUrl, roles: [] },
    });
    const notJson = await cpo.hubRequest('POST', url, {
      token: tokenA,
      body: '{"token":',
      headers: { 'Content-Type': 'application/json' },
    });
    const oversized = await cpo.hubRequest('POST', url, {
      token: tokenA,
      body: { token: 'a'.repeat(20), url: cpo.versionsUrl, roles: [], pad: 'x'.repeat(1_100_000) },
    });
    // Assess
    expect(wrongType.status).toBe(200);
    expect(wrongType.body).toMatchObject({ status_code: 2001 });
    expect((wrongType.body as { status_message: string }).status_message).toContain('token');
    expect(notJson.status).toBe(400);
    expect(oversized.status).toBe(413);
  });

  it('answers 401 with the envelope to a missing, malformed or unknown token', async () => {
    // Prepare
    const url = fx.hub.versionsUrl();
    // Act
    const missing = await fetch(url);
    const malformed = await fetch(url, { headers: { Authorization: 'Bearer abc' } });
    const unknown = await fetch(url, {
      headers: { Authorization: `Token ${Buffer.from('nope').toString('base64')}` },
    });
    // Assess
    for (const res of [missing, malformed, unknown]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ status_code: 2000, timestamp: expect.any(String) });
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
  });
});
