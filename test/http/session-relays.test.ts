import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdrOf, sessionOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../hub/charging/charging-network';

const routingOf = (res: { headers: Record<string, string> }) => ({
  from: `${res.headers['ocpi-from-country-code']}/${res.headers['ocpi-from-party-id']}`,
  to: `${res.headers['ocpi-to-country-code']}/${res.headers['ocpi-to-party-id']}`,
});

describe('sessions and CDRs relayed to the party that holds them', () => {
  let net: ChargingNetwork;

  beforeAll(async () => {
    net = await startChargingNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  it('forwards a sessions GET-all with OCPI-to = a CPO to that CPO', async () => {
    // Prepare: the CPO holds a session the hub never saw
    net.cpo.seed('sessions', [sessionOf(net.cpoParty, net.emspParty, 'AT-CPO-ONLY')]);
    net.cpo.clearRequests();
    // Act
    const res = await net.emsp.hubRequest('GET', 'sessions?date_from=2020-01-01T00:00:00Z', {
      from: net.emspParty,
      to: net.cpoParty,
    });
    // Assess
    expect(res.status).toBe(200);
    expect(envelopeOf(res).data.map((s: { id: string }) => s.id)).toEqual(['AT-CPO-ONLY']);
    expect(routingOf(res)).toEqual({ from: 'NL/CPA', to: 'NL/EMA' });
    expect(net.cpo.requests.some((r) => r.method === 'GET' && r.path.endsWith('/sender/sessions'))).toBe(
      true,
    );
  });

  it('forwards a CDRs GET-all with OCPI-to = a CPO to that CPO', async () => {
    // Prepare
    net.cpo.seed('cdrs', [cdrOf(net.cpoParty, net.emspParty, 'CDR-AT-CPO')]);
    // Act
    const res = await net.emsp.hubRequest('GET', 'cdrs', { from: net.emspParty, to: net.cpoParty });
    // Assess
    expect(res.status).toBe(200);
    expect(envelopeOf(res).data.map((c: { id: string }) => c.id)).toEqual(['CDR-AT-CPO']);
    expect(routingOf(res)).toEqual({ from: 'NL/CPA', to: 'NL/EMA' });
  });

  it("answers a GET on a CDR's Location as the party that holds the CDR", async () => {
    // Prepare
    const posted = await net.cpo.postCdr(cdrOf(net.cpoParty, net.emspParty, 'LOC-READ'));
    const location = String(posted.headers.location);
    // Act
    const byCpo = await net.cpo.hubRequest('GET', location, { from: net.cpoParty });
    const byEmsp = await net.emsp.hubRequest('GET', location, { from: net.emspParty });
    // Assess
    expect(envelopeOf(byCpo).data.id).toBe('LOC-READ');
    expect(routingOf(byCpo)).toEqual({ from: 'NL/EMA', to: 'NL/CPA' });
    expect(routingOf(byEmsp)).toEqual({ from: 'NL/CPA', to: 'NL/EMA' });
  });

  it('relays charging preferences from the eMSP to the CPO of the session and its answer back', async () => {
    // Prepare
    await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/PREF1', {
      body: sessionOf(net.cpoParty, net.emspParty, 'PREF1'),
    });
    net.cpo.setChargingPreferencesAnswer('DEPARTURE_REQUIRED');
    const preferences = { profile_type: 'FAST', energy_need: 20 };
    // Act: open routing (the hub knows the session's CPO) and direct routing
    const open = await net.emsp.hubRequest('PUT', 'sessions/PREF1/charging_preferences', {
      body: preferences,
    });
    const direct = await net.emsp.hubRequest('PUT', 'sessions/PREF1/charging_preferences', {
      from: net.emspParty,
      to: net.cpoParty,
      body: preferences,
    });
    // Assess
    for (const res of [open, direct]) {
      expect(res.status).toBe(200);
      expect(envelopeOf(res)).toMatchObject({ status_code: 1000, data: 'DEPARTURE_REQUIRED' });
      expect(routingOf(res)).toEqual({ from: 'NL/CPA', to: 'NL/EMA' });
    }
    const received = net.cpo.received.filter((r) =>
      r.path.endsWith('/sender/sessions/PREF1/charging_preferences'),
    );
    expect(received.map((r) => r.body)).toEqual([preferences, preferences]);
    expect(received[0]?.method).toBe('PUT');
  });

  it('refuses charging preferences for a session the hub cannot route with 4001', async () => {
    // Act
    const res = await net.emsp.hubRequest('PUT', 'sessions/NO-SUCH/charging_preferences', {
      body: { profile_type: 'FAST' },
    });
    // Assess
    expect(envelopeOf(res).status_code).toBe(4001);
  });

  it('refuses charging preferences without profile_type with 2001 naming it', async () => {
    // Act
    const res = await net.emsp.hubRequest('PUT', 'sessions/PREF1/charging_preferences', {
      body: { energy_need: 5 },
    });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('profile_type');
  });

  it("serves a session to its CPO on the Receiver GET, from the hub's copy or the eMSP's", async () => {
    // Prepare
    await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/READ1', {
      body: sessionOf(net.cpoParty, net.emspParty, 'READ1'),
    });
    await net.emsp.waitFor(() => net.emsp.stored('sessions', 'NL', 'CPA', 'READ1'), 10_000);
    // Act
    const fromHub = await net.cpo.hubRequest('GET', 'sessions/NL/CPA/READ1', {
      iface: 'RECEIVER',
      from: net.cpoParty,
    });
    const fromEmsp = await net.cpo.hubRequest('GET', 'sessions/NL/CPA/READ1', {
      iface: 'RECEIVER',
      from: net.cpoParty,
      to: net.emspParty,
    });
    const unknown = await net.cpo.hubRequest('GET', 'sessions/NL/CPA/NOPE', { iface: 'RECEIVER' });
    const notOwn = await net.cpo.hubRequest('GET', 'sessions/NL/XXX/READ1', { iface: 'RECEIVER' });
    // Assess
    expect(envelopeOf(fromHub).data.id).toBe('READ1');
    expect(routingOf(fromHub)).toEqual({ from: 'NL/HUB', to: 'NL/CPA' });
    expect(envelopeOf(fromEmsp).data.id).toBe('READ1');
    expect(routingOf(fromEmsp)).toEqual({ from: 'NL/EMA', to: 'NL/CPA' });
    expect(unknown.status).toBe(404);
    expect(envelopeOf(notOwn).status_code).toBe(2001);
  });
});
