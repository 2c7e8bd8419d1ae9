import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../hub/charging/charging-network';
import { at, locationOf } from '../hub/objects/object-fixtures';
import type { SimulatedPlatform } from '../partners';

/** Tolerant reader with telemetry (issue #11): what a real-world partner needed, counted per partner. */
describe('leniencies the hub records per partner', () => {
  let net: ChargingNetwork;
  let polite: SimulatedPlatform;

  const partnerIdOf = async (partyId: string): Promise<string> => {
    const list = await net.hub.admin('GET', '/partners');
    const partners = (list.body.partners ?? list.body) as Array<{
      id: string;
      roles: Array<{ party_id: string }>;
    }>;
    const found = partners.find((p) => p.roles.some((r) => r.party_id === partyId));
    if (!found) throw new Error(`no partner ${partyId}`);
    return found.id;
  };
  const countsOf = async (partyId: string) =>
    (await net.hub.admin('GET', `/partners/${await partnerIdOf(partyId)}`)).body.leniencies.counts;

  beforeAll(async () => {
    net = await startChargingNetwork({ profile: 'real-world' });
    polite = await net.join('CPO', 'CPP', 'polite');
  });
  afterAll(async () => {
    await net?.close();
  });

  it("records a real-world partner's handshake deviations: 403 for 401, raw token, lower case, slashes, wrapped details", async () => {
    // Act: both real-world partners registered in beforeAll (partner-initiated handshake)
    const counts = await countsOf('CPA');
    // Assess
    expect(counts).toMatchObject({
      status_403_for_401: expect.any(Number),
      raw_token: expect.any(Number),
      lowercase_cistrings: expect.any(Number),
      trailing_slash_url: expect.any(Number),
      list_wrapped_object: expect.any(Number),
    });
  });

  it('records nulls and unknown fields in pushes, and passes the objects on without nulls', async () => {
    // Act
    const pushed = await net.cpo.pushLocation(locationOf(net.cpoParty, 'LEN-LOC', at(5)));
    // Assess
    expect(envelopeOf(pushed).status_code).toBe(1000);
    const counts = await countsOf('CPA');
    expect(counts.null_fields).toBeGreaterThan(0);
    expect(counts.unknown_fields).toBeGreaterThan(0);
    const atEmsp = await net.emsp.waitFor(() => net.emsp.stored('locations', 'NL', 'CPA', 'LEN-LOC'), 10_000);
    expect(JSON.stringify(atEmsp)).not.toContain('null');
  });

  it('follows a page Link with another scheme on the partner host, and counts it', async () => {
    // Prepare: two pages at the CPO
    net.cpo.setPageLimit(1);
    net.cpo.seed('locations', [
      locationOf(net.cpoParty, 'PAGE-1', at(1)),
      locationOf(net.cpoParty, 'PAGE-2', at(2)),
    ]);
    // Act
    const first = await net.emsp.hubRequest('GET', 'locations', { to: net.cpoParty });
    const nextUrl = /<([^>]+)>/.exec(first.headers.link ?? '')?.[1] ?? '';
    const second = await net.emsp.hubRequest('GET', nextUrl, { to: net.cpoParty });
    // Assess
    expect(envelopeOf(first)).toMatchObject({ status_code: 1000 });
    expect(envelopeOf(first).data.map((l: { id: string }) => l.id)).toEqual(['PAGE-1']);
    expect(envelopeOf(second)).toMatchObject({ status_code: 1000 });
    expect(envelopeOf(second).data.map((l: { id: string }) => l.id)).toEqual(['PAGE-2']);
    expect(JSON.stringify(envelopeOf(second))).not.toContain('null');
    expect((await countsOf('CPA')).link_scheme_differs).toBeGreaterThan(0);
  });

  it('unwraps list-wrapped authorization and charging-preferences answers, and counts them', async () => {
    // Prepare
    net.emsp.setAuthorization('LENTOKEN', 'ALLOWED');
    await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/LEN-S1', {
      body: sessionOf(net.cpoParty, net.emspParty, 'LEN-S1'),
    });
    const before = (await countsOf('EMA')).list_wrapped_object ?? 0;
    // Act
    const authorize = await net.cpo.hubRequest(
      'POST',
      '/demo/ocpi/2.2.1/sender/tokens/LENTOKEN/authorize?type=RFID',
      {
        to: net.emspParty,
      },
    );
    const preferences = await net.emsp.hubRequest('PUT', 'sessions/LEN-S1/charging_preferences', {
      body: { profile_type: 'FAST' },
    });
    // Assess
    expect(envelopeOf(authorize).data).toMatchObject({ allowed: 'ALLOWED' });
    expect(Array.isArray(envelopeOf(authorize).data)).toBe(false);
    expect(envelopeOf(preferences).data).toBe('ACCEPTED');
    expect((await countsOf('EMA')).list_wrapped_object).toBeGreaterThan(before);
    expect((await countsOf('CPA')).list_wrapped_object).toBeGreaterThan(0);
  });

  it('records nothing for a polite partner', async () => {
    // Act
    await polite.pushLocation(locationOf({ country_code: 'NL', party_id: 'CPP' }, 'POLITE', at(3)));
    // Assess
    expect(await countsOf('CPP')).toEqual({});
  });
});
