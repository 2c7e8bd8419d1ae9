import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { requestFrom } from '../support/request-from';
import { startTestHub, type TestHub } from '../support/test-hub';

/** A clock that stands still unless a test moves it, so bucket levels and Retry-After are exact. */
let nowMs = Date.now();
const clock = () => nowMs;
/** Every bucket full again: the next test starts from clean limits. */
const aMinuteLater = () => {
  nowMs += 61_000;
};

const tenant = (id: string, rateLimits: Record<string, number>) => ({
  id,
  name: `${id} network`,
  hub: { country_code: 'NL', party_id: 'HUB', name: `${id} hub` },
  outbound: { allowHttp: true, allowPrivateAddresses: true },
  rateLimits,
});

/**
 * Issue #10 finding 6 (in-process part): per-partner and per-tenant request limits and
 * failed-authentication throttling per source address and per tenant, answered HTTP 429 with
 * Retry-After in the OCPI envelope or the admin error shape.
 */
describe('rate limits', () => {
  let hub: TestHub;
  let logs: LogCapture;
  const platforms: SimulatedPlatform[] = [];

  beforeAll(async () => {
    logs = captureLogs();
    hub = await startTestHub({
      now: clock,
      logLevel: 'WARN',
      tenants: [
        tenant('partners', { partnerPerMinute: 10 }),
        tenant('whole', { tenantPerMinute: 20 }),
        tenant('guarded', { failedAuthPerIpPerMinute: 5, failedAuthPerTenantPerMinute: 12 }),
      ],
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await Promise.all(platforms.map((p) => p.close()));
    await hub?.stop();
  });

  const versions = (tenantId: string, token: string, from = '127.0.0.1') =>
    requestFrom(from, hub.versionsUrl(tenantId), { headers: { Authorization: `Token ${token}` } });
  const partnerIn = async (tenantId: string, partyId: string) => {
    const res = await hub.admin(
      'POST',
      '/partners',
      { name: partyId, roles: [{ role: 'CPO', country_code: 'NL', party_id: partyId }] },
      tenantId,
    );
    return res.body.token_a as string;
  };

  it("answers a partner's request over its limit with 429, the envelope and Retry-After; other partners go on", async () => {
    // Prepare
    const busy = await partnerIn('partners', 'BSY');
    const calm = await partnerIn('partners', 'CLM');
    aMinuteLater();
    // Act
    const allowed = [];
    for (let i = 0; i < 10; i++) allowed.push((await versions('partners', busy)).status);
    const refused = await versions('partners', busy);
    const other = await versions('partners', calm);
    nowMs += Number(refused.headers['retry-after']) * 1000;
    const afterWaiting = await versions('partners', busy);
    // Assess
    expect(allowed).toEqual(Array(10).fill(200));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      status_code: 2000,
      status_message: expect.stringMatching(/requests of this partner are limited to 10 per minute/),
      timestamp: expect.any(String),
    });
    // 10 per minute: one request every 6 s.
    expect(refused.headers['retry-after']).toBe('6');
    expect(other.status).toBe(200);
    expect(afterWaiting.status).toBe(200);
  });

  it('counts OCPI and admin requests of a tenant together and refuses both over the limit, each in its own shape', async () => {
    // Prepare
    const token = await partnerIn('whole', 'WHL');
    aMinuteLater();
    // Act
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await versions('whole', token)).status);
    for (let i = 0; i < 10; i++)
      statuses.push((await hub.admin('GET', '/partners', undefined, 'whole')).status);
    const ocpi = await versions('whole', token);
    const admin = await requestFrom('127.0.0.1', `${hub.url}/whole/admin/partners`, {
      headers: { Authorization: `Bearer ${hub.adminTokens.get('whole')}` },
    });
    const otherTenant = await hub.admin('GET', '/partners', undefined, 'partners');
    // Assess
    expect(statuses).toEqual(Array(20).fill(200));
    expect(ocpi.status).toBe(429);
    expect(ocpi.body).toMatchObject({ status_code: 2000 });
    expect(ocpi.headers['retry-after']).toBe('3');
    expect(admin.status).toBe(429);
    expect(admin.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/tenant/) } });
    expect(admin.headers['retry-after']).toBe('3');
    expect(otherTenant.status).toBe(200);
  });

  it('throttles failed authentications per source address, and a real partner behind that address goes on', async () => {
    // Prepare
    const cpo = await createSimulatedPlatform({
      roles: [{ role: 'CPO', country_code: 'NL', party_id: 'GRD' }],
    });
    platforms.push(cpo);
    await cpo.registerWith(hub.versionsUrl('guarded'), await partnerIn('guarded', 'GRD'));
    expect((await cpo.hubRequest('GET', hub.versionsUrl('guarded'))).status).toBe(200);
    aMinuteLater();
    logs.clear();
    const tokenReads = countTokenReads(hub);
    // Act
    const guesses = [];
    const readsBefore = [];
    for (let i = 0; i < 8; i++) {
      readsBefore.push(tokenReads.count);
      guesses.push(await versions('guarded', `guessed-token-${i}-0123456789abcdef`));
    }
    readsBefore.push(tokenReads.count);
    tokenReads.stop();
    const realPartner = await cpo.hubRequest('GET', hub.versionsUrl('guarded'));
    const adminGuess = await requestFrom('127.0.0.1', `${hub.url}/guarded/admin/partners`, {
      headers: { Authorization: 'Bearer guessed-admin-token-0123456789' },
    });
    const otherSource = await versions('guarded', 'guessed-from-elsewhere-0123456789', '127.0.0.2');
    // Assess
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // A throttled guess costs no store read; the ones before did.
    expect(readsBefore[5]).toBeGreaterThanOrEqual(5);
    expect(readsBefore[8]).toBe(readsBefore[5]);
    expect(guesses[5]?.body).toMatchObject({
      status_code: 2000,
      status_message: expect.stringMatching(/failed authentications from this address/),
    });
    // 5 failures per minute: the next one is allowed 12 s later.
    expect(guesses[5]?.headers['retry-after']).toBe('12');
    expect(realPartner.status).toBe(200);
    expect(adminGuess.status).toBe(429);
    expect(adminGuess.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(otherSource.status).toBe(401);
    // Refusals are logged once a minute per bucket, not once per request.
    expect(logs.securityEvents('rate_limited').map((e) => e.limit)).toEqual(['failed_auth_ip']);
    expect(logs.securityEvents('ocpi_auth_failed')).toHaveLength(6);
  });

  it('throttles failed authentications of a tenant from many addresses together, but not a source that never failed', async () => {
    // Prepare
    aMinuteLater();
    const sources = Array.from({ length: 12 }, (_, i) => `127.0.1.${i + 1}`);
    // A real partner's token this process has not seen authenticate yet (a fresh instance knows none).
    const unseenToken = await partnerIn('guarded', 'GD2');
    // Act
    const statuses = [];
    for (const source of sources)
      statuses.push((await versions('guarded', `guess-from-${source}-0123456789`, source)).status);
    const again = await versions('guarded', 'guess-again-from-127.0.1.1-0123456789', '127.0.1.1');
    const neverFailed = await versions('guarded', 'guess-from-a-clean-source-0123456789', '127.0.2.1');
    const realPartner = await versions('guarded', unseenToken, '127.0.2.2');
    const admin = await hub.admin('GET', '/partners', undefined, 'guarded');
    // Assess
    expect(statuses).toEqual(Array(12).fill(401));
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ status_message: expect.stringMatching(/in this tenant/) });
    expect(neverFailed.status).toBe(401);
    expect(realPartner.status).toBe(200);
    expect(admin.status).toBe(200);
  });
});

/** Counts GetItem calls for credentials tokens on the hub's DynamoDB client until stopped. */
function countTokenReads(hub: TestHub): { count: number; stop(): void } {
  const client = hub.dynamoClient as unknown as { send: (command: unknown, ...rest: unknown[]) => unknown };
  const original = client.send;
  const counter = {
    count: 0,
    stop: () => {
      client.send = original;
    },
  };
  client.send = function countingSend(this: unknown, command: unknown, ...rest: unknown[]) {
    const input = (command as { input?: { Key?: { pk?: { S?: string } } } }).input;
    if (input?.Key?.pk?.S?.startsWith('CREDTOKEN#')) counter.count++;
    return original.call(this, command, ...rest);
  };
  return counter;
}
