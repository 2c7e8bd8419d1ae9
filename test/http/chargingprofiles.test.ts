import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../hub/charging/charging-network';
import type { SimulatedPlatform } from '../partners';

const PROFILE = { charging_rate_unit: 'W', charging_profile_period: [{ start_period: 0, limit: 7400 }] };

describe('charging profiles through the hub', () => {
  let net: ChargingNetwork;
  let scsp: SimulatedPlatform;
  let otherEmsp: SimulatedPlatform;

  beforeAll(async () => {
    net = await startChargingNetwork();
    [scsp, otherEmsp] = await Promise.all([net.join('SCSP', 'SCA'), net.join('EMSP', 'EMB')]);
    net.cpo.configureCommands({ timeout: 30, sendResult: true, resultDelayMs: 10 });
    await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/CP1', {
      body: sessionOf(net.cpoParty, net.emspParty, 'CP1'),
    });
  });
  afterAll(async () => {
    await net?.close();
  });

  const resultUrl = (platform: SimulatedPlatform, name: string) =>
    `${platform.endpointUrl('chargingprofiles', 'SENDER')}/results/${name}`;
  const profileCallsAtCpo = () => net.cpo.received.filter((r) => r.module === 'chargingprofiles');

  it("forwards an SCSP's profile to the session's CPO with a hub response_url and relays the result", async () => {
    // Prepare
    const own = resultUrl(scsp, 'put-1');
    // Act
    const answer = await scsp.hubRequest('PUT', 'chargingprofiles/CP1', {
      body: { charging_profile: PROFILE, response_url: own },
    });
    // Assess
    expect(envelopeOf(answer).data).toMatchObject({ result: 'ACCEPTED' });
    const atCpo = profileCallsAtCpo().at(-1)?.body as { response_url: string; charging_profile: unknown };
    expect(
      atCpo.response_url.startsWith(`${net.hub.url}/demo/ocpi/2.2.1/sender/chargingprofiles/results/`),
    ).toBe(true);
    expect(atCpo.charging_profile).toEqual(PROFILE);
    const result = await scsp.waitFor(() => scsp.received.find((r) => own.endsWith(r.path)));
    expect(result.body).toEqual({ result: 'ACCEPTED' });
  });

  it("sends the CPO's ActiveChargingProfile to the party that set a profile", async () => {
    // Prepare
    const active = { start_date_time: '2024-01-10T10:00:00Z', charging_profile: PROFILE };
    // Act
    const answer = await net.cpo.hubRequest('PUT', '/demo/ocpi/2.2.1/sender/chargingprofiles/CP1', {
      body: active,
    });
    // Assess
    expect(envelopeOf(answer).status_code).toBe(1000);
    // Only the profile module: the hub's HubClientInfo pushes (PUTs too) reach the SCSP in the
    // background, in any order with this request.
    const atScsp = await scsp.waitFor(() =>
      scsp.received.find((r) => r.path.endsWith('/sender/chargingprofiles/CP1') && r.method === 'PUT'),
    );
    expect(atScsp.body).toEqual(active);
  });

  it('answers the CPO 1000 for an ActiveChargingProfile the SCSP fails to take, and delivers it on retry (issue #12 item 1)', async () => {
    // Prepare: the SCSP's first try fails.
    const active = { start_date_time: '2024-01-10T11:00:00Z', charging_profile: PROFILE };
    const isThisProfile = (r: { path: string; method: string; body: unknown }) =>
      r.path.endsWith('/sender/chargingprofiles/CP1') &&
      r.method === 'PUT' &&
      (r.body as { start_date_time?: string } | undefined)?.start_date_time === active.start_date_time;
    scsp.failNext(1, 'down', { pathEndsWith: '/sender/chargingprofiles/CP1' });
    // Act
    const answer = await net.cpo.hubRequest('PUT', '/demo/ocpi/2.2.1/sender/chargingprofiles/CP1', {
      body: active,
    });
    // Assess: stored, so the CPO is told success; the delivery worker retries until the SCSP takes it.
    expect(answer.status).toBe(200);
    expect(envelopeOf(answer).status_code).toBe(1000);
    const delivered = await scsp.waitFor(() => scsp.received.find(isThisProfile), 15_000);
    expect(delivered.body).toEqual(active);
  });

  it('rewrites response_url in the query string of GET and DELETE', async () => {
    // Prepare
    const own = resultUrl(scsp, 'get-1');
    // Act
    const get = await scsp.hubRequest(
      'GET',
      `/demo/ocpi/2.2.1/receiver/chargingprofiles/CP1?duration=900&response_url=${encodeURIComponent(own)}`,
    );
    const getAtCpo = new URLSearchParams(profileCallsAtCpo().at(-1)?.query);
    const del = await scsp.hubRequest(
      'DELETE',
      `/demo/ocpi/2.2.1/receiver/chargingprofiles/CP1?response_url=${encodeURIComponent(resultUrl(scsp, 'del-1'))}`,
    );
    // Assess
    expect(envelopeOf(get).data).toMatchObject({ result: 'ACCEPTED' });
    expect(getAtCpo.get('duration')).toBe('900');
    expect(getAtCpo.get('response_url')).toContain('/demo/ocpi/2.2.1/sender/chargingprofiles/results/');
    expect(envelopeOf(del).status_code).toBe(1000);
    const result = await scsp.waitFor(() => scsp.received.find((r) => own.endsWith(r.path)));
    expect(result.body).toMatchObject({
      result: 'ACCEPTED',
      profile: { charging_profile: expect.any(Object) },
    });
  });

  it("refuses an eMSP addressing another eMSP's session, and a result from a party that is not the CPO", async () => {
    // Prepare
    const before = profileCallsAtCpo().length;
    await scsp.hubRequest('PUT', 'chargingprofiles/CP1', {
      body: { charging_profile: PROFILE, response_url: resultUrl(scsp, 'put-2') },
    });
    const hubUrl = String(
      (profileCallsAtCpo().at(-1)?.body as { response_url?: string } | undefined)?.response_url,
    );
    // Act
    const foreign = await otherEmsp.hubRequest(
      'DELETE',
      `/demo/ocpi/2.2.1/receiver/chargingprofiles/CP1?response_url=${encodeURIComponent(resultUrl(otherEmsp, 'x'))}`,
    );
    const forgedResult = await otherEmsp.hubRequest('POST', hubUrl, { body: { result: 'REJECTED' } });
    // Assess
    expect(envelopeOf(foreign).status_code).toBe(2001);
    expect(profileCallsAtCpo()).toHaveLength(before + 1);
    expect(forgedResult.status).toBe(404);
  });

  it('delivers a result the CPO posts while the SCSP is down once the SCSP is back (issue #12 item 1)', async () => {
    // Prepare: the CPO posts its result 300 ms after accepting; by then the SCSP is down.
    net.cpo.configureCommands({ sendResult: true, resultDelayMs: 300 });
    const own = resultUrl(scsp, 'while-down');
    const sentBefore = net.cpo.sentCallbacks.length;
    await scsp.hubRequest('PUT', 'chargingprofiles/CP1', {
      body: { charging_profile: PROFILE, response_url: own },
    });
    scsp.behave('down');
    // Act
    await net.cpo.waitFor(() => net.cpo.sentCallbacks.length > sentBefore, 10_000);
    scsp.behave('normal');
    const result = await scsp.waitFor(() => scsp.received.find((r) => own.endsWith(r.path)), 15_000);
    // Assess: the CPO was answered 200 when it posted; the SCSP got the result late.
    expect(net.cpo.sentCallbacks[sentBefore]?.status).toBe(200);
    expect(result.body).toEqual({ result: 'ACCEPTED' });
  });

  it('answers a replayed profile request with the first answer and forwards it once', async () => {
    // Prepare
    const body = { charging_profile: PROFILE, response_url: resultUrl(scsp, 'replay-1') };
    const before = profileCallsAtCpo().length;
    // Act
    const first = await scsp.hubRequest('PUT', 'chargingprofiles/CP1', { body });
    const replay = await scsp.hubRequest('PUT', 'chargingprofiles/CP1', { body });
    // Assess
    expect(replay.body).toEqual(first.body);
    expect(profileCallsAtCpo()).toHaveLength(before + 1);
  });

  it('answers 2001 naming the parameter for a missing response_url or a bad profile', async () => {
    // Act
    const noUrl = await scsp.hubRequest('DELETE', 'chargingprofiles/CP1');
    const badProfile = await scsp.hubRequest('PUT', 'chargingprofiles/CP1', {
      body: { charging_profile: { charging_rate_unit: 'kW' }, response_url: resultUrl(scsp, 'bad') },
    });
    // Assess
    expect(envelopeOf(noUrl).status_message).toContain('response_url');
    expect(envelopeOf(badProfile).status_code).toBe(2001);
    expect(envelopeOf(badProfile).status_message).toContain('charging_profile.charging_rate_unit');
  });

  it.each([
    ['another platform', () => resultUrl(otherEmsp, 'steal')],
    ['a host nobody registered', () => 'https://collector.example/results'],
    [
      'its own host on another port',
      () => resultUrl(scsp, 'x').replace(/:(\d+)\//, (_m, p) => `:${Number(p) + 1}/`),
    ],
  ])(
    'refuses a response_url at %s with 2001 naming it, and sends nothing to the CPO (issue #10)',
    async (_label, url) => {
      // Prepare
      const before = profileCallsAtCpo().length;
      // Act
      const put = await scsp.hubRequest('PUT', 'chargingprofiles/CP1', {
        body: { charging_profile: PROFILE, response_url: url() },
      });
      const del = await scsp.hubRequest(
        'DELETE',
        `/demo/ocpi/2.2.1/receiver/chargingprofiles/CP1?response_url=${encodeURIComponent(url())}`,
      );
      // Assess
      for (const answer of [put, del]) {
        expect(envelopeOf(answer).status_code).toBe(2001);
        expect(envelopeOf(answer).status_message).toMatch(/^invalid parameter: response_url: /);
      }
      expect(profileCallsAtCpo()).toHaveLength(before);
    },
  );
});
