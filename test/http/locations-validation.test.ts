import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CP1, CP2, EM1, envelopeOf, HUB, type Network, startNetwork } from '../hub/objects/network';
import { at, locationOf } from '../hub/objects/object-fixtures';

describe('locations pushes the hub refuses', () => {
  let net: Network;

  beforeAll(async () => {
    net = await startNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  const put = (path: string, body: unknown, from = CP1) =>
    net.cpo1.hubRequest('PUT', `locations/${path}`, { from, to: HUB, body });
  const storedStatus = async (path: string) =>
    (await net.cpo1.hubRequest('GET', `locations/${path}`, { to: HUB, iface: 'RECEIVER' })).status;

  it('answers 2001 naming a missing required field, and stores nothing', async () => {
    // Prepare
    const { city: _city, ...location } = locationOf(CP1, 'NO-CITY');
    // Act
    const res = await put('NL/CP1/NO-CITY', location);
    // Assess
    expect(res.status).toBe(200);
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('city');
    expect(await storedStatus('NL/CP1/NO-CITY')).toBe(404);
  });

  it('answers 2001 naming the full path of a wrongly typed nested field', async () => {
    // Prepare
    const location = locationOf(CP1, 'BAD-TYPE');
    location.evses[0].connectors[1].max_voltage = '220';
    // Act
    const res = await put('NL/CP1/BAD-TYPE', location);
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('evses[0].connectors[1].max_voltage');
  });

  it('answers 2001 for a push under a party that is not the caller', async () => {
    // Prepare
    const location = locationOf(CP2, 'NOT-MINE');
    // Act
    const res = await put('DE/CP2/NOT-MINE', location);
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('DE/CP2');
    expect(
      await net.cpo2.hubRequest('GET', 'locations/DE/CP2/NOT-MINE', { to: HUB, iface: 'RECEIVER' }),
    ).toMatchObject({
      status: 404,
    });
  });

  it('answers 2001 when an eMSP pushes a location', async () => {
    // Prepare
    const location = locationOf(EM1, 'EMSP-LOC');
    // Act
    const res = await net.emsp1.hubRequest('PUT', 'locations/NL/EM1/EMSP-LOC', {
      to: HUB,
      iface: 'RECEIVER',
      body: location,
    });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
  });

  it('answers 2001 when the body owner differs from the URL', async () => {
    // Prepare
    const location = { ...locationOf(CP1, 'OWNER-DIFF'), party_id: 'CPX' };
    // Act
    const res = await put('NL/CP1/OWNER-DIFF', location);
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('party_id');
  });

  it('answers 2001 when the body id differs from the URL id', async () => {
    // Prepare
    const location = locationOf(CP1, 'ID-A');
    // Act
    const res = await put('NL/CP1/ID-B', location);
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('id');
    expect(await storedStatus('NL/CP1/ID-B')).toBe(404);
  });

  it('answers 2001 when an EVSE uid in the body differs from the URL', async () => {
    // Prepare
    const location = locationOf(CP1, 'EVSE-ID');
    await put('NL/CP1/EVSE-ID', location);
    // Act
    const res = await put('NL/CP1/EVSE-ID/OTHER', location.evses[0]);
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('uid');
  });

  it('rejects a PATCH without last_updated', async () => {
    // Prepare
    await put('NL/CP1/PATCH-LU', locationOf(CP1, 'PATCH-LU', at(1)));
    // Act
    const res = await net.cpo1.hubRequest('PATCH', 'locations/NL/CP1/PATCH-LU/3256', {
      to: HUB,
      body: { status: 'CHARGING' },
    });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2001);
    expect(envelopeOf(res).status_message).toContain('last_updated');
  });

  it('answers HTTP 400 with the envelope for a body that is not JSON', async () => {
    // Act
    const res = await put('NL/CP1/BROKEN', '{"id": "BROKEN",');
    // Assess
    expect(res.status).toBe(400);
    expect(envelopeOf(res).status_code).toBe(2000);
  });

  it('answers HTTP 413 with the envelope for a body over 1 MB', async () => {
    // Prepare
    const location = { ...locationOf(CP1, 'HUGE'), padding: 'x'.repeat(1024 * 1024) };
    // Act
    const res = await put('NL/CP1/HUGE', location);
    // Assess
    expect(res.status).toBe(413);
    expect(envelopeOf(res).status_code).toBe(2000);
  });

  it('answers HTTP 405 with the envelope for a DELETE, which OCPI does not define for locations', async () => {
    // Act
    const res = await net.cpo1.hubRequest('DELETE', 'locations/NL/CP1/ANY', { to: HUB });
    // Assess
    expect(res.status).toBe(405);
    expect(envelopeOf(res).status_code).toBe(2000);
  });

  it('stores a location of a few hundred KB, compressed under the item size limit', async () => {
    // Prepare
    const location = locationOf(CP1, 'BIG', at(2));
    const evse = location.evses[0];
    location.evses = Array.from({ length: 400 }, (_, i) => ({
      ...evse,
      uid: `EVSE-${i}`,
      evse_id: `NL*CP1*E${i}`,
    }));
    // Act
    const res = await put('NL/CP1/BIG', location);
    // Assess
    expect(JSON.stringify(location).length).toBeGreaterThan(200_000);
    expect(res.status).toBe(201);
    const stored = await net.cpo1.hubRequest('GET', 'locations/NL/CP1/BIG/EVSE-399', {
      to: HUB,
      iface: 'RECEIVER',
    });
    expect(envelopeOf(stored).data.evse_id).toBe('NL*CP1*E399');
  });

  it('refuses with 2000 a broadcast whose body cannot fit an outbox item', async () => {
    // Prepare
    const location = locationOf(CP1, 'TOO-BIG', at(3));
    const evse = location.evses[0];
    location.evses = Array.from({ length: 700 }, (_, i) => ({ ...evse, uid: `EVSE-${i}` }));
    // Act
    const res = await put('NL/CP1/TOO-BIG', location);
    // Assess
    expect(envelopeOf(res).status_code).toBe(2000);
    expect(envelopeOf(res).status_message).toContain('too large to broadcast');
    expect(await storedStatus('NL/CP1/TOO-BIG')).toBe(404);
  });
});
