import { afterEach, describe, expect, it } from 'vitest';
import { createSimulatedPlatform, HubCallError } from '../partners';
import { createPair, getJson, type Pair } from './pair';

describe('simulated platform credentials', () => {
  let pair: Pair;
  afterEach(async () => {
    await pair.close();
  });

  it('completes a handshake with the other side calling back with token B inside the POST', async () => {
    // Prepare
    pair = await createPair();
    const { cpo, emsp } = pair;
    const tokenA = emsp.issueTokenA();
    // Act
    const { hubCredentials, tokenC } = await cpo.registerWith(emsp.versionsUrl, tokenA);
    // Assess
    expect(tokenC).toBe(emsp.inboundToken);
    expect(hubCredentials.roles[0]).toMatchObject({ role: 'EMSP', country_code: 'DE', party_id: 'MSP' });
    expect(emsp.hubToken).toBe(cpo.inboundToken);
    const callback = cpo.requests.find((r) => r.path === '/ocpi/versions');
    expect(callback?.headers.authorization).toBe(
      `Token ${Buffer.from(cpo.inboundToken!).toString('base64')}`,
    );
    expect(cpo.registered && emsp.registered).toBe(true);
  });

  it('kills token A once the handshake is done', async () => {
    // Prepare
    pair = await createPair();
    const tokenA = pair.emsp.issueTokenA();
    await pair.cpo.registerWith(pair.emsp.versionsUrl, tokenA);
    // Act
    const { status } = await getJson(pair.emsp.versionsUrl, tokenA);
    // Assess
    expect(status).toBe(401);
  });

  it('answers 405 to a second POST and to PUT or DELETE before registration', async () => {
    // Prepare
    pair = await createPair();
    const { emsp } = pair;
    const tokenA = emsp.issueTokenA();
    const credentialsUrl = emsp.endpointUrl('credentials', 'SENDER');
    // Act
    const put = await getJson(credentialsUrl, tokenA, { method: 'PUT', body: '{}' });
    const del = await getJson(credentialsUrl, tokenA, { method: 'DELETE' });
    await pair.cpo.registerWith(emsp.versionsUrl, tokenA);
    const post = await getJson(credentialsUrl, emsp.inboundToken, { method: 'POST', body: '{}' });
    // Assess
    expect([put.status, del.status, post.status]).toEqual([405, 405, 405]);
  });

  it('answers 3002 when the registering side offers no 2.2.1', async () => {
    // Prepare
    pair = await createPair();
    pair.cpo.setVersions(['2.1.1']);
    // Act
    const attempt = pair.cpo.registerWith(pair.emsp.versionsUrl, pair.emsp.issueTokenA());
    // Assess
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubCallError);
    expect((error as HubCallError).response?.body).toMatchObject({ status_code: 3002 });
    expect(pair.emsp.registered).toBe(false);
  });

  it('answers 3001 when the registering side cannot be reached back', async () => {
    // Prepare
    pair = await createPair();
    pair.cpo.behave('http500');
    // Act
    const error = await pair.cpo.registerWith(pair.emsp.versionsUrl, pair.emsp.issueTokenA()).catch((e) => e);
    // Assess
    expect((error as HubCallError).response?.body).toMatchObject({ status_code: 3001 });
  });

  it('rotates tokens with a PUT and then refuses the old ones', async () => {
    // Prepare
    pair = await createPair({ register: true });
    const { cpo, emsp } = pair;
    const oldInbound = cpo.inboundToken!;
    const oldOutbound = cpo.hubToken!;
    // Act
    const { tokenC } = await cpo.rotate();
    // Assess
    expect(tokenC).not.toBe(oldOutbound);
    expect(emsp.hubToken).toBe(cpo.inboundToken);
    expect((await getJson(emsp.versionsUrl, oldOutbound)).status).toBe(401);
    expect((await getJson(emsp.versionsUrl, tokenC)).status).toBe(200);
    expect((await getJson(cpo.versionsUrl, oldInbound)).status).toBe(401);
  });

  it('keeps the previous token valid during the configured grace', async () => {
    // Prepare
    pair = await createPair();
    const lenient = await createSimulatedPlatform({
      roles: [{ role: 'EMSP', country_code: 'BE', party_id: 'GRC' }],
      previousTokenGraceMs: 60_000,
    });
    await pair.cpo.registerWith(lenient.versionsUrl, lenient.issueTokenA());
    const oldOutbound = pair.cpo.hubToken!;
    // Act
    await pair.cpo.rotate();
    const { status } = await getJson(lenient.versionsUrl, oldOutbound);
    await lenient.close();
    // Assess
    expect(status).toBe(200);
  });

  it('unregisters with a DELETE after which neither token works', async () => {
    // Prepare
    pair = await createPair({ register: true });
    const { cpo, emsp } = pair;
    const outbound = cpo.hubToken!;
    // Act
    await cpo.unregister();
    // Assess
    expect(emsp.registered).toBe(false);
    expect(cpo.registered).toBe(false);
    expect((await getJson(emsp.versionsUrl, outbound)).status).toBe(401);
  });

  it('returns lower-case country and party ids when told to', async () => {
    // Prepare
    pair = await createPair();
    pair.emsp.behave('lowercase-cistrings');
    // Act
    const { hubCredentials } = await pair.cpo.registerWith(pair.emsp.versionsUrl, pair.emsp.issueTokenA());
    // Assess
    expect(hubCredentials.roles[0]).toMatchObject({ country_code: 'de', party_id: 'msp' });
  });

  it('sends its token raw when told to', async () => {
    // Prepare
    pair = await createPair();
    pair.cpo.behave('raw-token');
    const tokenA = pair.emsp.issueTokenA();
    // Act
    await pair.cpo.registerWith(pair.emsp.versionsUrl, tokenA);
    // Assess
    expect(pair.emsp.requests[0]?.headers.authorization).toBe(`Token ${tokenA}`);
  });

  it('answers 403 instead of 401 when told to', async () => {
    // Prepare
    pair = await createPair();
    pair.emsp.behave('status-403-for-401');
    // Act
    const { status } = await getJson(pair.emsp.versionsUrl, 'wrong');
    // Assess
    expect(status).toBe(403);
  });
});
