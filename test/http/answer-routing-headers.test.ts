import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CP1, EM1, envelopeOf, HUB, type Network, startNetwork } from '../hub/objects/network';
import { at, locationOf } from '../hub/objects/object-fixtures';

const PLANNED = { country_code: 'NL', party_id: 'PLN' };

/** FROM and TO of an answer, as the requester reads them. */
function routingOf(res: { headers: Record<string, string> }) {
  return {
    from: `${res.headers['ocpi-from-country-code']}/${res.headers['ocpi-from-party-id']}`,
    to: `${res.headers['ocpi-to-country-code']}/${res.headers['ocpi-to-party-id']}`,
  };
}

describe('routing headers on every functional-module answer of the hub', () => {
  let net: Network;

  beforeAll(async () => {
    net = await startNetwork();
    // A party the hub knows but that never completed its handshake.
    await net.hub.createPartner([{ role: 'EMSP', ...PLANNED }], 'planned eMSP');
  });
  afterAll(async () => {
    await net?.close();
  });

  it('answers a 404 for an object the hub does not hold FROM hub TO the requester', async () => {
    // Act
    const res = await net.cpo1.hubRequest('GET', 'locations/NL/CP1/NOPE', {
      from: CP1,
      to: HUB,
      iface: 'RECEIVER',
    });
    // Assess
    expect(res.status).toBe(404);
    expect(routingOf(res)).toEqual({ from: 'NL/HUB', to: 'NL/CP1' });
  });

  it('answers a 2001 for an invalid body FROM hub TO the requester', async () => {
    // Prepare
    const location = { ...locationOf(CP1, 'LOC-BAD', at(1)), country: 'NL' };
    // Act
    const res = await net.cpo1.pushLocation(location, { to: HUB });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(routingOf(res)).toEqual({ from: 'NL/HUB', to: 'NL/CP1' });
  });

  it('answers a 2001 for malformed routing headers FROM hub TO the caller', async () => {
    // Act
    const res = await net.emsp1.hubRequest('GET', 'locations', {
      headers: { 'OCPI-to-country-code': 'NL', 'OCPI-to-party-id': 'TOO-LONG' },
    });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(routingOf(res)).toEqual({ from: 'NL/HUB', to: 'NL/EM1' });
  });

  it('answers a 4001 for an unknown receiver FROM hub TO the requester', async () => {
    // Act
    const res = await net.emsp1.hubRequest('GET', 'locations', {
      from: EM1,
      to: { country_code: 'FR', party_id: 'XXX' },
    });
    // Assess
    expect(envelopeOf(res).status_code).toBe(4001);
    expect(routingOf(res)).toEqual({ from: 'NL/HUB', to: 'NL/EM1' });
  });

  it('answers a 4003 for a receiver that is not connected FROM hub TO the requester', async () => {
    // Act
    const res = await net.cpo1.pushLocation(locationOf(CP1, 'LOC-PLN', at(2)), { to: PLANNED });
    // Assess
    expect(envelopeOf(res).status_code).toBe(4003);
    expect(routingOf(res)).toEqual({ from: 'NL/HUB', to: 'NL/CP1' });
  });

  it('answers a 401 for an unknown token FROM hub TO the party it names', async () => {
    // Act
    const res = await net.cpo1.hubRequest('GET', 'tariffs', { from: CP1, token: 'not-a-token' });
    // Assess
    expect(res.status).toBe(401);
    expect(routingOf(res)).toEqual({ from: 'NL/HUB', to: 'NL/CP1' });
  });

  it('answers a 404 for an unknown path below a module FROM hub TO the requester', async () => {
    // Act
    const res = await net.emsp1.hubRequest(
      'GET',
      `${net.hub.versionsUrl().replace('/versions', '')}/2.2.1/sender/nothing-here`,
      {
        from: EM1,
      },
    );
    // Assess
    expect(res.status).toBe(404);
    expect(routingOf(res)).toEqual({ from: 'NL/HUB', to: 'NL/EM1' });
  });

  it('keeps versions and credentials answers free of routing headers', async () => {
    // Act
    const res = await net.emsp1.hubRequest('GET', net.hub.versionsUrl());
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers['ocpi-from-party-id']).toBeUndefined();
  });
});
