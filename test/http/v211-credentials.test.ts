import { afterAll, describe, expect, it } from 'vitest';
import { createSimulatedPlatform211, type SimulatedPlatform211 } from '../partners/v211';
import { hubWithPlatforms } from '../support/platforms';

describe('OCPI 2.1.1 partners: versions and the flat credentials handshake', () => {
  const fx = hubWithPlatforms();
  const platforms: SimulatedPlatform211[] = [];
  afterAll(() => Promise.all(platforms.map((p) => p.close())));

  async function platform211(role: 'CPO' | 'EMSP', partyId: string) {
    const platform = await createSimulatedPlatform211({ role, country_code: 'NL', party_id: partyId });
    platforms.push(platform);
    const partner = await fx.hub.createPartner([{ role, country_code: 'NL', party_id: partyId }]);
    return { platform, ...partner };
  }

  async function registered211(role: 'CPO' | 'EMSP', partyId: string) {
    const created = await platform211(role, partyId);
    await created.platform.registerWith(fx.hub.versionsUrl(), created.tokenA);
    return created;
  }

  const versionsStatus = async (platform: SimulatedPlatform211, token?: string) =>
    (await platform.hubRequest('GET', fx.hub.versionsUrl(), token ? { token } : {})).status;

  it('offers 2.1.1 beside 2.2.1, with 2.1.1 details of role-less endpoints for the caller’s party', async () => {
    // Prepare
    const { platform, tokenA } = await platform211('CPO', 'V11');
    // Act
    const versions = await platform.hubRequest('GET', fx.hub.versionsUrl(), { token: tokenA });
    const details = await platform.hubRequest('GET', `${fx.hub.url}/demo/ocpi/2.1.1`, { token: tokenA });
    // Assess
    expect(versions.body?.data).toEqual([
      { version: '2.1.1', url: `${fx.hub.url}/demo/ocpi/2.1.1` },
      { version: '2.2.1', url: `${fx.hub.url}/demo/ocpi/2.2.1` },
    ]);
    const data = details.body?.data as { version: string; endpoints: Array<Record<string, string>> };
    expect(data.version).toBe('2.1.1');
    expect(data.endpoints).toContainEqual({
      identifier: 'credentials',
      url: `${fx.hub.url}/demo/ocpi/2.1.1/credentials`,
    });
    expect(data.endpoints.every((e) => !('role' in e))).toBe(true);
    expect(data.endpoints.map((e) => e.identifier)).not.toContain('hubclientinfo');
  });

  it('registers a 2.1.1 CPO that initiates: flat objects both ways, raw tokens, version 2.1.1 recorded', async () => {
    // Prepare
    const { platform, id, tokenA } = await platform211('CPO', 'P11');
    // Act
    const hubCredentials = await platform.registerWith(fx.hub.versionsUrl(), tokenA);
    // Assess
    expect(hubCredentials).toMatchObject({
      url: fx.hub.versionsUrl(),
      country_code: 'NL',
      party_id: 'HUB',
      business_details: { name: expect.any(String) },
    });
    expect(hubCredentials).not.toHaveProperty('roles');
    const detail = await fx.hub.admin('GET', `/partners/${id}`);
    expect(detail.body).toMatchObject({ status: 'CONNECTED', version: '2.1.1' });
    expect(detail.body.endpoints).toContainEqual({
      identifier: 'locations',
      role: 'SENDER',
      url: platform.moduleUrl('locations'),
    });
    // The hub called the platform back with token B, raw as 2.1.1 sends it.
    const callback = platform.requests.find((r) => r.path === '/ocpi/versions' && !r.refused);
    expect(callback?.headers.authorization).toMatch(/^Token [A-Za-z0-9_-]{43}$/);
    expect(await versionsStatus(platform, tokenA)).toBe(401);
    expect(await versionsStatus(platform)).toBe(200);
  });

  it('connects to a 2.1.1 eMSP on the hub’s initiative with the flat object', async () => {
    // Prepare
    const { platform, id } = await platform211('EMSP', 'H11');
    const tokenA = platform.issueTokenA();
    // Act
    const res = await fx.hub.admin('POST', `/partners/${id}/connect`, {
      versions_url: platform.versionsUrl,
      token: tokenA,
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'CONNECTED', version: '2.1.1' });
    const post = platform.requests.find((r) => r.method === 'POST' && r.path.endsWith('/credentials'));
    expect(post?.body).toMatchObject({ country_code: 'NL', party_id: 'HUB', url: fx.hub.versionsUrl() });
    expect(post?.body).not.toHaveProperty('roles');
    expect(platform.registered).toBe(true);
    expect(await versionsStatus(platform)).toBe(200);
  });

  it('rotates a 2.1.1 link on either side’s initiative', async () => {
    // Prepare
    const { platform, id } = await registered211('EMSP', 'R11');
    const firstToken = platform.hubToken as string;
    // Act
    await platform.rotate();
    const secondToken = platform.hubToken as string;
    const hubRotate = await fx.hub.admin('POST', `/partners/${id}/rotate`);
    // Assess
    expect(secondToken).not.toBe(firstToken);
    expect(hubRotate.status).toBe(200);
    expect(platform.hubToken).not.toBe(secondToken);
    expect(await versionsStatus(platform)).toBe(200);
    const put = platform.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/credentials'));
    expect(put.at(-1)?.body).not.toHaveProperty('roles');
    expect((await fx.hub.admin('GET', `/partners/${id}`)).body.version).toBe('2.1.1');
  });

  it('unregisters a 2.1.1 partner on its DELETE', async () => {
    // Prepare
    const { platform, id } = await registered211('CPO', 'U11');
    const token = platform.hubToken as string;
    // Act
    await platform.unregister();
    // Assess
    expect(await versionsStatus(platform, token)).toBe(401);
    expect((await fx.hub.admin('GET', `/partners/${id}`)).body.status).toBe('SUSPENDED');
  });

  it('refuses 2.1.1 to a partner of several parties (a flat object holds one), naming the reason', async () => {
    // Prepare
    const platform = await createSimulatedPlatform211({ role: 'CPO', country_code: 'NL', party_id: 'M11' });
    platforms.push(platform);
    const { tokenA } = await fx.hub.createPartner([
      { role: 'CPO', country_code: 'NL', party_id: 'M11' },
      { role: 'EMSP', country_code: 'NL', party_id: 'M12' },
    ]);
    // Act
    const details = await platform.hubRequest('GET', `${fx.hub.url}/demo/ocpi/2.1.1`, { token: tokenA });
    const post = await platform.hubRequest('POST', `${fx.hub.url}/demo/ocpi/2.1.1/credentials`, {
      token: tokenA,
      body: platform.ownCredentials('x'.repeat(43)),
    });
    // Assess
    expect(details.body).toMatchObject({
      status_code: 2000,
      status_message: expect.stringMatching(/one CPO or eMSP/),
    });
    expect(post.body).toMatchObject({ status_code: 2000 });
  });

  it('refuses a 2.2.1 credentials object on the 2.1.1 endpoint with 2001 naming the field', async () => {
    // Prepare
    const { platform, tokenA } = await platform211('CPO', 'W11');
    // Act
    const res = await platform.hubRequest('POST', `${fx.hub.url}/demo/ocpi/2.1.1/credentials`, {
      token: tokenA,
      body: { token: 'x'.repeat(43), url: platform.versionsUrl, roles: [] },
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status_code: 2001,
      status_message: expect.stringMatching(/business_details|party_id|country_code/),
    });
  });

  it('connects a partner offering both versions on 2.2.1', async () => {
    // Prepare
    const emsp = await fx.pool.create('EMSP', 'B11');
    emsp.setVersions(['2.1.1', '2.2.1']);
    const { id } = await fx.hub.createPartner([{ role: 'EMSP', country_code: 'NL', party_id: 'B11' }]);
    // Act
    const res = await fx.hub.admin('POST', `/partners/${id}/connect`, {
      versions_url: emsp.versionsUrl,
      token: emsp.issueTokenA(),
    });
    // Assess
    expect(res.body).toMatchObject({ status: 'CONNECTED', version: '2.2.1' });
  });
});
