import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdrOf, sessionOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../hub/charging/charging-network';
import { locationOf, tariffOf, tokenOf } from '../hub/objects/object-fixtures';
import type { HubResponse, SimulatedPlatform } from '../partners';

/**
 * Issue #10 finding 4: no PUT or PATCH of any module may move an object to another party or another
 * id. The URL names the owner and the object; the body may repeat them, never change them: 2001
 * naming the field, nothing stored, nothing forwarded, whether the hub keeps the object or only
 * forwards it to the party OCPI-to names.
 */
describe('owner fields are immutable', () => {
  let net: ChargingNetwork;
  let otherCpo: SimulatedPlatform;
  const other = { country_code: 'DE', party_id: 'CPB' };

  beforeAll(async () => {
    net = await startChargingNetwork();
    otherCpo = await net.join('CPO', 'CPB');
  });
  afterAll(async () => {
    await net?.close();
  });

  const refused = (answer: HubResponse, field: string) => {
    expect(answer.status).toBe(200);
    expect(envelopeOf(answer).status_code).toBe(2001);
    expect(envelopeOf(answer).status_message).toMatch(
      new RegExp(`^invalid parameter: ${field}: differs from the URL`),
    );
  };
  const received = (platform: SimulatedPlatform, module: string) =>
    platform.received.filter((r) => r.module === module).length;
  const stored = async (path: string) =>
    envelopeOf(await net.cpo.hubRequest('GET', path)).status_code === 1000;

  it('refuses a Location, EVSE or Connector push to the hub naming another owner or id, and stores nothing', async () => {
    // Prepare
    const cpo = net.cpoParty;
    const base = `locations/${cpo.country_code}/${cpo.party_id}`;
    const first = await net.cpo.hubRequest('PUT', `${base}/LOC1`, { body: locationOf(cpo, 'LOC1') });
    expect(envelopeOf(first).status_code).toBe(1000);
    const location = locationOf(cpo, 'LOC1');
    const evse = location.evses[0];
    // Act
    const answers = {
      country_code: await net.cpo.hubRequest('PUT', `${base}/LOC2`, {
        body: { ...locationOf(cpo, 'LOC2'), country_code: 'DE' },
      }),
      party_id: await net.cpo.hubRequest('PATCH', `${base}/LOC1`, {
        body: { party_id: other.party_id, last_updated: '2024-02-01T00:00:00Z' },
      }),
      id: await net.cpo.hubRequest('PATCH', `${base}/LOC1`, {
        body: { id: 'LOC9', last_updated: '2024-02-01T00:00:00Z' },
      }),
      evse: await net.cpo.hubRequest('PATCH', `${base}/LOC1/${evse.uid}`, {
        body: { party_id: other.party_id, status: 'CHARGING', last_updated: '2024-02-01T00:00:00Z' },
      }),
      connector: await net.cpo.hubRequest('PUT', `${base}/LOC1/${evse.uid}/${evse.connectors[0].id}`, {
        body: { ...evse.connectors[0], id: 'C9', country_code: other.country_code },
      }),
    };
    // Assess
    refused(answers.country_code, 'country_code');
    refused(answers.party_id, 'party_id');
    refused(answers.id, 'id');
    refused(answers.evse, 'party_id');
    refused(answers.connector, 'id');
    expect(await stored(`/demo/ocpi/2.2.1/receiver/${base}/LOC2`)).toBe(false);
    const kept = envelopeOf(await net.cpo.hubRequest('GET', `/demo/ocpi/2.2.1/receiver/${base}/LOC1`)).data;
    expect(kept).toMatchObject({ country_code: cpo.country_code, party_id: cpo.party_id, id: 'LOC1' });
  });

  it('checks a push forwarded to the party OCPI-to names against the URL before forwarding it', async () => {
    // Prepare
    const cpo = net.cpoParty;
    // Act
    const locationPatch = await net.cpo.hubRequest('PATCH', `locations/NL/CPA/LOC1`, {
      body: {
        country_code: other.country_code,
        party_id: other.party_id,
        last_updated: '2024-02-01T00:00:00Z',
      },
      to: net.emspParty,
    });
    const tariffPut = await net.cpo.hubRequest('PUT', 'tariffs/NL/CPA/T1', {
      body: { ...tariffOf(cpo, 'T1'), party_id: other.party_id },
      to: net.emspParty,
    });
    const tokenPatch = await net.emsp.hubRequest('PATCH', 'tokens/NL/EMA/TOK1', {
      body: { uid: 'TOK2', last_updated: '2024-02-01T00:00:00Z' },
      to: net.cpoParty,
    });
    // Assess
    refused(locationPatch, 'country_code');
    refused(tariffPut, 'party_id');
    refused(tokenPatch, 'uid');
    // (The eMSP may still receive the broadcast of the earlier LOC1 PUT: a PUT, never these.)
    expect(net.emsp.received.filter((r) => r.module === 'locations' && r.method === 'PATCH')).toEqual([]);
    expect(net.emsp.received.filter((r) => r.module === 'tariffs')).toEqual([]);
    expect(net.cpo.received.filter((r) => r.module === 'tokens' && r.method === 'PATCH')).toEqual([]);
  });

  it('refuses a Token PUT or PATCH to the hub naming another owner, uid or type', async () => {
    // Prepare
    const emsp = net.emspParty;
    await net.emsp.hubRequest('PUT', 'tokens/NL/EMA/TOK1', { body: tokenOf(emsp, 'TOK1') });
    // Act
    const put = await net.emsp.hubRequest('PUT', 'tokens/NL/EMA/TOK3', {
      body: { ...tokenOf(emsp, 'TOK3'), country_code: 'BE' },
    });
    const patchOwner = await net.emsp.hubRequest('PATCH', 'tokens/NL/EMA/TOK1', {
      body: { party_id: 'EMB', last_updated: '2024-02-01T00:00:00Z' },
    });
    const patchType = await net.emsp.hubRequest('PATCH', 'tokens/NL/EMA/TOK1', {
      body: { type: 'APP_USER', last_updated: '2024-02-01T00:00:00Z' },
    });
    // Assess
    refused(put, 'country_code');
    refused(patchOwner, 'party_id');
    refused(patchType, 'type');
  });

  it('refuses a Session PATCH moving the session to another CPO: not stored, not forwarded', async () => {
    // Prepare
    const session = sessionOf(net.cpoParty, net.emspParty, 'S1');
    expect(
      envelopeOf(await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/S1', { body: session })).status_code,
    ).toBe(1000);
    // The PUT reaches the eMSP after the CPO's answer (store and forward): count from there.
    await net.emsp.waitFor(() => net.emsp.stored('sessions', 'NL', 'CPA', 'S1'), 10_000);
    const before = received(net.emsp, 'sessions');
    // Act
    const answers = {
      country_code: await net.cpo.hubRequest('PATCH', 'sessions/NL/CPA/S1', {
        body: { country_code: other.country_code, last_updated: '2024-02-01T00:00:00Z' },
      }),
      party_id: await net.cpo.hubRequest('PATCH', 'sessions/NL/CPA/S1', {
        body: { party_id: other.party_id, kwh: 5, last_updated: '2024-02-01T00:00:00Z' },
      }),
      id: await net.cpo.hubRequest('PATCH', 'sessions/NL/CPA/S1', {
        body: { id: 'S2', last_updated: '2024-02-01T00:00:00Z' },
      }),
    };
    // Assess
    for (const [field, answer] of Object.entries(answers)) refused(answer, field);
    expect(received(net.emsp, 'sessions')).toBe(before);
    const list = await net.emsp.hubRequest('GET', 'sessions?date_from=2024-01-01T00:00:00Z');
    const kept = (envelopeOf(list).data as { id: string; party_id: string; kwh: number }[]).find(
      (s) => s.id === 'S1',
    );
    expect(kept).toMatchObject({ party_id: net.cpoParty.party_id, kwh: 0 });
  });

  it('refuses a CDR naming another CPO, naming the field that differs', async () => {
    // Act
    const country = await net.cpo.hubRequest('POST', 'cdrs', {
      body: { ...cdrOf(net.cpoParty, net.emspParty, 'CDR1'), country_code: other.country_code },
    });
    const party = await otherCpo.hubRequest('POST', 'cdrs', {
      body: cdrOf(net.cpoParty, net.emspParty, 'CDR2'),
    });
    // Assess
    expect(envelopeOf(country).status_code).toBe(2001);
    expect(envelopeOf(country).status_message).toMatch(/^invalid parameter: country_code: /);
    expect(envelopeOf(party).status_code).toBe(2001);
    expect(envelopeOf(party).status_message).toMatch(/^invalid parameter: (country_code|party_id): /);
  });
});
