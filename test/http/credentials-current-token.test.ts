import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SimulatedPlatform } from '../partners';
import { captureLogs, type LogCapture, tokenForms } from '../support/log-capture';
import { PlatformPool } from '../support/platforms';
import { startTestHub, type TestHub } from '../support/test-hub';

/**
 * Issue #10 finding 1: after a rotation the replaced token keeps working for the grace window, but
 * only on the functional modules. The credentials module (POST, PUT, DELETE, GET) wants the
 * partner's current token, otherwise anyone holding a retired token could take the partner over.
 */
/** A clock the last test moves past the grace window. */
let offsetMs = 0;
const clock = () => Date.now() + offsetMs;

describe('credentials module: only the current token', () => {
  let hub: TestHub;
  let logs: LogCapture;
  const pool = new PlatformPool();

  beforeAll(async () => {
    logs = captureLogs();
    hub = await startTestHub({ logLevel: 'WARN', now: clock });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await pool.closeAll();
    await hub?.stop();
  });

  const takeOver = (platform: SimulatedPlatform, token: string) => ({
    token: 'attacker-chosen-token-0123456789',
    url: 'http://127.0.0.1:9/ocpi/versions',
    roles: [
      {
        role: 'CPO',
        country_code: 'NL',
        party_id: platform === undefined ? 'XXX' : 'TK1',
        business_details: { name: `attacker with ${token.length}-character token` },
      },
    ],
  });

  it.each([
    ['partner-initiated', 'TK1'],
    ['hub-initiated', 'TK2'],
  ])(
    'refuses a %s rotation’s replaced token on credentials POST, PUT, DELETE and GET with 401, keeps it working elsewhere',
    async (initiator, partyId) => {
      // Prepare
      const { platform: cpo, partnerId } = await pool.registered(hub, 'CPO', partyId);
      const retired = cpo.hubToken as string;
      if (initiator === 'partner-initiated') await cpo.rotate();
      else expect((await hub.admin('POST', `/partners/${partnerId}/rotate`)).status).toBe(200);
      expect(cpo.hubToken).not.toBe(retired);
      logs.clear();
      // Act
      const answers = [];
      for (const method of ['PUT', 'POST', 'DELETE', 'GET']) {
        const body = method === 'PUT' || method === 'POST' ? takeOver(cpo, retired) : undefined;
        answers.push(await cpo.hubRequest(method, 'credentials', { token: retired, body }));
      }
      const functional = await cpo.hubRequest('GET', 'tokens', { token: retired });
      // Assess: every credentials call is refused with the envelope ...
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.body).toMatchObject({ status_code: 2000, status_message: expect.any(String) });
      }
      // ... the partner is untouched and still reachable with its current token ...
      const detail = await hub.admin('GET', `/partners/${partnerId}`);
      expect(detail.body.status).toBe('CONNECTED');
      expect(detail.body.versions_url).toBe(cpo.versionsUrl);
      expect((await cpo.hubRequest('GET', 'credentials')).status).toBe(200);
      // ... while the retired token still serves requests in flight on the functional modules.
      expect(functional.status).toBe(200);
      expect(functional.body).toMatchObject({ status_code: 1000 });
      // One security event per refusal, naming the reason, never the token.
      const events = logs.securityEvents('credentials_refused');
      expect(events.map((e) => e.method)).toEqual(['PUT', 'POST', 'DELETE', 'GET']);
      expect(new Set(events.map((e) => e.reason))).toEqual(new Set(['token_in_grace_window']));
      for (const form of tokenForms(retired)) expect(JSON.stringify(events)).not.toContain(form);
    },
  );

  it('answers 405 to a POST with the current token C and to a PUT or DELETE with token A, one security event each', async () => {
    // Prepare
    const { platform: registered } = await pool.registered(hub, 'CPO', 'TK3');
    const { tokenA } = await hub.createPartner([{ role: 'EMSP', country_code: 'NL', party_id: 'TK4' }]);
    logs.clear();
    // Act
    const post = await registered.hubRequest('POST', 'credentials', { body: takeOver(registered, 'x') });
    const put = await registered.hubRequest(
      'PUT',
      `${hub.versionsUrl().replace(/versions$/, '2.2.1/credentials')}`,
      {
        token: tokenA,
        body: takeOver(registered, tokenA),
      },
    );
    const del = await registered.hubRequest(
      'DELETE',
      `${hub.versionsUrl().replace(/versions$/, '2.2.1/credentials')}`,
      {
        token: tokenA,
      },
    );
    // Assess
    expect([post.status, put.status, del.status]).toEqual([405, 405, 405]);
    const events = logs.securityEvents('credentials_refused');
    expect(events.map((e) => [e.method, e.reason])).toEqual([
      ['POST', 'already_registered'],
      ['PUT', 'not_registered'],
      ['DELETE', 'not_registered'],
    ]);
    for (const form of tokenForms(tokenA)) expect(logs.text()).not.toContain(form);
  });

  it('gives an unknown, an expired and a revoked token the same 401 message; the log tells them apart', async () => {
    // Prepare
    const { platform: gone } = await pool.registered(hub, 'CPO', 'TK5');
    const revoked = gone.hubToken as string;
    await gone.unregister();
    const { platform: rotated } = await pool.registered(hub, 'CPO', 'TK6');
    const expired = rotated.hubToken as string;
    await rotated.rotate();
    offsetMs += 11 * 60_000; // past the 10-minute grace window
    logs.clear();
    // Act
    const answers = [
      await gone.hubRequest('GET', hub.versionsUrl(), { token: 'never-issued-token-0123456789' }),
      await gone.hubRequest('GET', hub.versionsUrl(), { token: revoked }),
      await rotated.hubRequest('GET', hub.versionsUrl(), { token: expired }),
    ];
    // Assess
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
    const messages = answers.map((a) => (a.body as { status_message: string }).status_message);
    expect(new Set(messages).size).toBe(1);
    // A revoked token's hash is deleted, so the log calls it unknown; an expired one waits for its TTL.
    expect(logs.securityEvents('ocpi_auth_failed').map((e) => e.reason)).toEqual([
      'unknown',
      'unknown',
      'expired',
    ]);
  });
});
