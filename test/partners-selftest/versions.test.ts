import { afterEach, describe, expect, it } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { getJson } from './pair';

describe('simulated platform versions', () => {
  let platform: SimulatedPlatform;
  afterEach(async () => {
    await platform.close();
  });

  const start = async (role: 'CPO' | 'EMSP') => {
    platform = await createSimulatedPlatform({ roles: [{ role, country_code: 'NL', party_id: 'ABC' }] });
    return platform.issueTokenA();
  };

  it('lists 2.2.1 with its details URL when called with token A', async () => {
    // Prepare
    const tokenA = await start('CPO');
    // Act
    const { status, body } = await getJson(platform.versionsUrl, tokenA);
    // Assess
    expect(status).toBe(200);
    expect(body.status_code).toBe(1000);
    expect(body.data).toEqual([{ version: '2.2.1', url: platform.versionDetailsUrl }]);
  });

  it('advertises the CPO interfaces of a CPO', async () => {
    // Prepare
    const tokenA = await start('CPO');
    // Act
    const { body } = await getJson(platform.versionDetailsUrl, tokenA);
    // Assess
    const pairs = body.data.endpoints.map(
      (e: { identifier: string; role: string }) => `${e.identifier}:${e.role}`,
    );
    expect(pairs.sort()).toEqual(
      [
        'cdrs:SENDER',
        'chargingprofiles:RECEIVER',
        'commands:RECEIVER',
        'credentials:SENDER',
        'hubclientinfo:RECEIVER',
        'locations:SENDER',
        'sessions:SENDER',
        'tariffs:SENDER',
        'tokens:RECEIVER',
      ].sort(),
    );
  });

  it('advertises the eMSP interfaces of an eMSP', async () => {
    // Prepare
    const tokenA = await start('EMSP');
    // Act
    const { body } = await getJson(platform.versionDetailsUrl, tokenA);
    // Assess
    const pairs = body.data.endpoints.map(
      (e: { identifier: string; role: string }) => `${e.identifier}:${e.role}`,
    );
    expect(pairs).toContain('locations:RECEIVER');
    expect(pairs).toContain('tokens:SENDER');
    expect(pairs).toContain('commands:SENDER');
    expect(pairs).not.toContain('locations:SENDER');
  });

  it('answers 401 to a request without a known token', async () => {
    // Prepare
    await start('CPO');
    // Act
    const missing = await getJson(platform.versionsUrl);
    const unknown = await getJson(platform.versionsUrl, 'not-a-token');
    // Assess
    expect(missing.status).toBe(401);
    expect(unknown.status).toBe(401);
  });

  it('refuses token A on a functional module', async () => {
    // Prepare
    const tokenA = await start('CPO');
    // Act
    const { status } = await getJson(platform.endpointUrl('locations', 'SENDER'), tokenA);
    // Assess
    expect(status).toBe(401);
  });

  it('accepts a raw token as well as a base64 one', async () => {
    // Prepare
    const tokenA = await start('CPO');
    // Act
    const { status } = await getJson(platform.versionsUrl, undefined, {
      headers: { Authorization: `Token ${tokenA}` },
    });
    // Assess
    expect(status).toBe(200);
  });

  it('advertises only the versions it was told to', async () => {
    // Prepare
    const tokenA = await start('CPO');
    platform.setVersions(['2.1.1']);
    // Act
    const versions = await getJson(platform.versionsUrl, tokenA);
    const details = await getJson(platform.versionDetailsUrl, tokenA);
    // Assess
    expect(versions.body.data.map((v: { version: string }) => v.version)).toEqual(['2.1.1']);
    expect(details.status).toBe(404);
  });

  it('leaves omitted endpoints out of the version details', async () => {
    // Prepare
    const tokenA = await start('CPO');
    platform.omitEndpoints(['locations', 'cdrs']);
    // Act
    const { body } = await getJson(platform.versionDetailsUrl, tokenA);
    // Assess
    const identifiers = body.data.endpoints.map((e: { identifier: string }) => e.identifier);
    expect(identifiers).not.toContain('locations');
    expect(identifiers).not.toContain('cdrs');
    expect(identifiers).toContain('credentials');
  });

  it('advertises only credentials when endpoints go missing', async () => {
    // Prepare
    const tokenA = await start('EMSP');
    platform.behave('missing-endpoints');
    // Act
    const { body } = await getJson(platform.versionDetailsUrl, tokenA);
    // Assess
    expect(body.data.endpoints.map((e: { identifier: string }) => e.identifier)).toEqual(['credentials']);
  });

  it('advertises URLs with a trailing slash and still serves them', async () => {
    // Prepare
    const tokenA = await start('CPO');
    platform.behave('trailing-slash-urls');
    // Act
    const versions = await getJson(platform.versionsUrl, tokenA);
    const detailsUrl: string = versions.body.data[0].url;
    const details = await getJson(detailsUrl, tokenA);
    // Assess
    expect(detailsUrl.endsWith('/2.2.1/')).toBe(true);
    expect(details.status).toBe(200);
    expect(details.body.data.endpoints.every((e: { url: string }) => e.url.endsWith('/'))).toBe(true);
  });
});
