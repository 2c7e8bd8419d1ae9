import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SimulatedPlatform } from '../partners';
import { type RoutingFixture, startRoutingFixture } from './relay-harness';

const CPO = { country_code: 'NL', party_id: 'CP1' };
const EMSP = { country_code: 'NL', party_id: 'EM1' };
const FORWARD_TIMEOUT_MS = 1_000;

type Envelope = { status_code: number; status_message?: string; data?: unknown };
const envelopeOf = (body: unknown) => body as Envelope;

const location = (id: string, lastUpdated = '2024-05-01T10:00:00Z') => ({
  country_code: 'NL',
  party_id: 'CP1',
  id,
  publish: true,
  address: 'Street 1',
  city: 'Town',
  country: 'NLD',
  coordinates: { latitude: '52.0', longitude: '4.0' },
  time_zone: 'Europe/Amsterdam',
  last_updated: lastUpdated,
});

describe('direct routing through the hub', () => {
  let fx: RoutingFixture;
  let cpo: SimulatedPlatform;
  let emsp: SimulatedPlatform;

  beforeAll(async () => {
    fx = await startRoutingFixture({ timeoutMs: FORWARD_TIMEOUT_MS });
    cpo = (await fx.connect({ role: 'CPO', ...CPO })).platform;
    emsp = (await fx.connect({ role: 'EMSP', ...EMSP })).platform;
  });
  afterAll(async () => {
    await fx?.stop();
  });

  it('forwards an eMSP GET to the CPO Sender with a new request id, the same correlation id and routing headers', async () => {
    // Prepare
    cpo.seed('locations', [location('LOC1')]);
    cpo.clearRequests();
    // Act
    const res = await emsp.hubRequest('GET', 'locations/LOC1', {
      to: CPO,
      correlationId: 'corr-get-1',
      headers: { 'X-Request-ID': 'req-get-1' },
    });
    // Assess
    expect(res.status).toBe(200);
    expect(envelopeOf(res.body)).toMatchObject({ status_code: 1000, data: { id: 'LOC1' } });
    expect(res.headers['x-request-id']).toBe('req-get-1');
    expect(res.headers['x-correlation-id']).toBe('corr-get-1');
    expect(res.headers['ocpi-from-party-id']).toBe('CP1');
    expect(res.headers['ocpi-to-party-id']).toBe('EM1');
    // HubClientInfo pushes broadcast in the background may reach the CPO meanwhile: pick the GET.
    const forwarded = cpo.requests.find((r) => r.method === 'GET' && r.path.includes('/locations/'));
    expect(forwarded?.path).toBe('/ocpi/2.2.1/sender/locations/LOC1');
    expect(forwarded?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(forwarded?.headers['x-request-id']).not.toBe('req-get-1');
    expect(forwarded?.headers['x-correlation-id']).toBe('corr-get-1');
    expect(forwarded?.headers).toMatchObject({
      'ocpi-from-country-code': 'NL',
      'ocpi-from-party-id': 'EM1',
      'ocpi-to-country-code': 'NL',
      'ocpi-to-party-id': 'CP1',
    });
    const base64Token = Buffer.from(cpo.inboundToken ?? '', 'utf8').toString('base64');
    expect(forwarded?.headers.authorization).toBe(`Token ${base64Token}`);
  });

  it('forwards an eMSP token PUT to the CPO Receiver byte-for-byte and relays its 201', async () => {
    // Prepare
    const rawBody =
      '{"country_code":"NL","party_id":"EM1","uid":"UID1","type":"RFID","contract_id":"NL-EM1-C1",' +
      '"issuer":"Sim","valid":true,"whitelist":"ALWAYS","amount":1.50,' +
      '"last_updated":"2024-05-01T10:00:00.123"  }';
    const spy = vi.spyOn(fx.hub.runtime.outbound, 'request');
    // Act
    const res = await emsp.hubRequest('PUT', 'tokens/NL/EM1/UID1?type=RFID', { to: CPO, body: rawBody });
    // Assess
    // The tokens PUT, not a HubClientInfo PUT the hub may broadcast meanwhile.
    const sent = spy.mock.calls
      .map(([req]) => req)
      .find((req) => req.method === 'PUT' && req.url.includes('/receiver/tokens/'));
    spy.mockRestore();
    expect(res.status).toBe(201);
    expect(envelopeOf(res.body).status_code).toBe(1000);
    expect(sent?.body).toBe(rawBody);
    expect(sent?.url).toBe(`${cpo.baseUrl}/ocpi/2.2.1/receiver/tokens/NL/EM1/UID1?type=RFID`);
    expect(cpo.stored('tokens', 'NL', 'EM1', 'UID1', 'RFID')).toMatchObject({
      last_updated: '2024-05-01T10:00:00.123',
    });
  });

  it('forwards a CPO location PUT to the eMSP Receiver and a CPO token GET to the eMSP Sender', async () => {
    // Prepare
    emsp.seed('tokens', [
      { country_code: 'NL', party_id: 'EM1', uid: 'T9', last_updated: '2024-01-01T00:00:00Z' },
    ]);
    emsp.clearRequests();
    // Act
    const put = await cpo.hubRequest('PUT', 'locations/NL/CP1/LOC7', { to: EMSP, body: location('LOC7') });
    const get = await cpo.hubRequest('GET', 'tokens?limit=10', { to: EMSP, correlationId: 'corr-cpo' });
    // Assess
    expect(put.status).toBe(201);
    expect(emsp.stored('locations', 'NL', 'CP1', 'LOC7')).toMatchObject({ id: 'LOC7' });
    expect(get.status).toBe(200);
    expect(envelopeOf(get.body).data).toEqual([expect.objectContaining({ uid: 'T9' })]);
    expect(get.headers['x-total-count']).toBe('1');
    const pull = emsp.requests.find((r) => r.method === 'GET');
    expect(pull?.query).toBe('limit=10');
    expect(pull?.headers).toMatchObject({ 'ocpi-from-party-id': 'CP1', 'ocpi-to-party-id': 'EM1' });
    expect(pull?.headers['x-correlation-id']).toBe('corr-cpo');
  });

  it("relays the receiver's own error status and envelope", async () => {
    // Act
    const res = await emsp.hubRequest('GET', 'locations/NOPE', { to: CPO });
    // Assess
    expect(res.status).toBe(404);
    expect(envelopeOf(res.body).status_code).toBe(2003);
  });

  it('refuses a FROM party that is not one of the caller roles with 2001', async () => {
    // Act
    const res = await emsp.hubRequest('GET', 'locations/LOC1', { to: CPO, from: CPO });
    // Assess
    expect(res.status).toBe(200);
    expect(envelopeOf(res.body).status_code).toBe(2001);
    expect(envelopeOf(res.body).status_message).toContain('OCPI-from-party-id');
  });

  it('refuses a request without TO with 2001 naming OCPI-to-party-id', async () => {
    // Act
    const res = await emsp.hubRequest('GET', 'locations/LOC1');
    // Assess
    expect(envelopeOf(res.body).status_code).toBe(2001);
    expect(envelopeOf(res.body).status_message).toContain('OCPI-to-party-id');
  });

  it('answers 4001 for an unknown TO and for a target without that interface', async () => {
    // Act
    const unknown = await emsp.hubRequest('GET', 'locations/LOC1', {
      to: { country_code: 'DE', party_id: 'XXX' },
    });
    const noSender = await emsp.hubRequest('GET', 'tokens', { to: CPO, iface: 'SENDER' });
    // Assess
    expect(unknown.status).toBe(200);
    expect(envelopeOf(unknown.body).status_code).toBe(4001);
    expect(envelopeOf(noSender.body).status_code).toBe(4001);
    expect(envelopeOf(noSender.body).status_message).toContain('does not implement the SENDER interface');
  });

  it('answers 4003 for a TO party whose partner is not connected yet', async () => {
    // Prepare
    await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'PL1' }]);
    // Act
    const res = await emsp.hubRequest('GET', 'locations/LOC1', {
      to: { country_code: 'nl', party_id: 'pl1' },
    });
    // Assess
    expect(envelopeOf(res.body).status_code).toBe(4003);
  });

  it('answers 400 to a body that is not JSON without forwarding it', async () => {
    // Prepare
    cpo.clearRequests();
    // Act
    const res = await emsp.hubRequest('PUT', 'tokens/NL/EM1/UID2', { to: CPO, body: '{"uid": ' });
    // Assess
    expect(res.status).toBe(400);
    expect(cpo.requests).toHaveLength(0);
  });

  it('answers 413 to a body over 1 MB without forwarding it', async () => {
    // Prepare
    cpo.clearRequests();
    const body = JSON.stringify({ uid: 'BIG', padding: 'x'.repeat(1024 * 1024) });
    // Act
    const res = await emsp.hubRequest('PUT', 'tokens/NL/EM1/BIG', { to: CPO, body });
    // Assess
    expect(res.status).toBe(413);
    // ClientInfo pushes from the delivery worker may arrive at any time; only token pushes count.
    expect(cpo.requests.filter((r) => r.path.includes('/tokens'))).toHaveLength(0);
  });

  it('answers 4003 when the target drops the connection', async () => {
    // Prepare
    cpo.failNext(1, 'down', { pathEndsWith: '/locations/LOC1' });
    // Act
    const res = await emsp.hubRequest('GET', 'locations/LOC1', { to: CPO });
    // Assess
    expect(res.status).toBe(200);
    expect(envelopeOf(res.body).status_code).toBe(4003);
  });

  it('answers 4002 within the forward timeout when the target is too slow', async () => {
    // Prepare
    cpo.failNext(1, 'slow', { delayMs: FORWARD_TIMEOUT_MS * 3, pathEndsWith: '/locations/LOC1' });
    const started = Date.now();
    // Act
    const res = await emsp.hubRequest('GET', 'locations/LOC1', { to: CPO });
    // Assess
    const elapsed = Date.now() - started;
    expect(envelopeOf(res.body).status_code).toBe(4002);
    expect(elapsed).toBeGreaterThanOrEqual(FORWARD_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(FORWARD_TIMEOUT_MS * 2);
  });

  it('answers 4000 when the target answers something that is not an OCPI envelope', async () => {
    // Prepare
    cpo.failNext(1, 'garbage', { pathEndsWith: '/locations/LOC1' });
    // Act
    const res = await emsp.hubRequest('GET', 'locations/LOC1', { to: CPO });
    // Assess
    expect(envelopeOf(res.body).status_code).toBe(4000);
    expect(envelopeOf(res.body).status_message).toContain('without an OCPI envelope');
  });

  it('sends the token raw to a partner configured for raw tokens', async () => {
    // Prepare
    const raw = await fx.connect({ role: 'CPO', country_code: 'NL', party_id: 'RAW' });
    const partners = fx.hub.runtime.stores.forTenant('demo').partners;
    const partner = await partners.get(raw.partnerId);
    if (!partner) throw new Error('partner missing');
    await partners.save({ ...partner, outbound_token_encoding: 'raw' }, partner.rev);
    raw.platform.seed('locations', [location('R1')]);
    raw.platform.clearRequests();
    // Act
    const res = await emsp.hubRequest('GET', 'locations/R1', { to: { country_code: 'NL', party_id: 'RAW' } });
    // Assess
    expect(envelopeOf(res.body).status_code).toBe(1000);
    expect(raw.platform.requests[0]?.headers.authorization).toBe(`Token ${raw.platform.inboundToken}`);
  });

  it('records the last contact on the target partner', async () => {
    // Prepare
    const fresh = await fx.connect({ role: 'CPO', country_code: 'NL', party_id: 'CT1' });
    const partners = fx.hub.runtime.stores.forTenant('demo').partners;
    const before = await partners.get(fresh.partnerId);
    if (!before) throw new Error('partner missing');
    await partners.save({ ...before, last_contact_at: '2000-01-01T00:00:00.000Z' }, before.rev);
    // Act
    await emsp.hubRequest('GET', 'locations/X', { to: { country_code: 'NL', party_id: 'CT1' } });
    // Assess
    const after = await partners.get(fresh.partnerId);
    expect(Date.parse(after?.last_contact_at ?? '')).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z'));
  });

  it('uses a token rotated meanwhile at once: the rotation drops the cached target in this process', async () => {
    // Prepare
    const rotating = await fx.connect({ role: 'CPO', country_code: 'NL', party_id: 'ROT' });
    const to = { country_code: 'NL', party_id: 'ROT' };
    rotating.platform.seed('locations', [location('L1')]);
    await emsp.hubRequest('GET', 'locations/L1', { to });
    await rotating.platform.rotate();
    rotating.platform.clearRequests();
    // Act
    const res = await emsp.hubRequest('GET', 'locations/L1', { to });
    // Assess
    expect(envelopeOf(res.body).status_code).toBe(1000);
    const attempts = rotating.platform.requests.filter((r) => r.path.endsWith('/L1'));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.failedAs).toBeUndefined();
  });

  it('answers 4003 instead of relaying a 401 when the target refuses the hub token', async () => {
    // Prepare
    const refusing = await fx.connect({ role: 'CPO', country_code: 'NL', party_id: 'REF' });
    const partners = fx.hub.runtime.stores.forTenant('demo').partners;
    const partner = await partners.get(refusing.partnerId);
    if (!partner) throw new Error('partner missing');
    const wrong = fx.hub.runtime.keys.encrypt('not-the-token');
    await partners.save({ ...partner, outbound_token_enc: wrong }, partner.rev);
    // Act
    const res = await emsp.hubRequest('GET', 'locations/L1', { to: { country_code: 'NL', party_id: 'REF' } });
    // Assess
    expect(res.status).toBe(200);
    expect(envelopeOf(res.body).status_code).toBe(4003);
    expect(envelopeOf(res.body).status_message).toContain("refused the hub's credentials");
  });

  it('answers 4001 when TO names the hub itself', async () => {
    // Act
    const res = await emsp.hubRequest('GET', 'locations/L1', { to: { country_code: 'NL', party_id: 'HUB' } });
    // Assess
    expect(envelopeOf(res.body).status_code).toBe(4001);
    expect(envelopeOf(res.body).status_message).toContain('the hub itself');
  });
});
