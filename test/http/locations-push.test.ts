import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CP1, CP2, EM1, envelopeOf, HUB, type Network, startNetwork } from '../hub/objects/network';
import { at, locationOf } from '../hub/objects/object-fixtures';

describe('locations pushed to the hub', () => {
  let net: Network;

  beforeAll(async () => {
    net = await startNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  const readBack = (path: string, from = CP1) =>
    net.cpo1.hubRequest('GET', `locations/${path}`, { from, to: HUB, iface: 'RECEIVER' });

  it('answers 201 for a new location and 200 when it is pushed again, FROM hub TO the sender', async () => {
    // Prepare
    const location = locationOf(CP1, 'LOC-NEW', at(10));
    // Act
    const first = await net.cpo1.pushLocation(location, { to: HUB });
    const second = await net.cpo1.pushLocation({ ...location, last_updated: at(11) }, { to: HUB });
    // Assess
    expect(first.status).toBe(201);
    expect(envelopeOf(first)).toMatchObject({ status_code: 1000 });
    expect(second.status).toBe(200);
    expect(envelopeOf(second)).toMatchObject({ status_code: 1000 });
    expect(first.headers['ocpi-from-country-code']).toBe('NL');
    expect(first.headers['ocpi-from-party-id']).toBe('HUB');
    expect(first.headers['ocpi-to-party-id']).toBe('CP1');
    const stored = await readBack('NL/CP1/LOC-NEW');
    expect(envelopeOf(stored).data.last_updated).toBe(at(11));
  });

  it('stores a push without routing TO headers (open routing -> broadcast)', async () => {
    // Prepare
    const location = locationOf(CP1, 'LOC-OPEN', at(5));
    // Act
    const res = await net.cpo1.pushLocation(location);
    // Assess
    expect(res.status).toBe(201);
    expect(envelopeOf(await readBack('NL/CP1/LOC-OPEN')).data.id).toBe('LOC-OPEN');
  });

  it('keeps the stored location when a push carries an older last_updated', async () => {
    // Prepare
    const location = locationOf(CP1, 'LOC-STALE', at(30));
    await net.cpo1.pushLocation(location, { to: HUB });
    // Act
    const stale = await net.cpo1.pushLocation(
      { ...location, name: 'older', last_updated: at(20) },
      { to: HUB },
    );
    // Assess
    expect(stale.status).toBe(200);
    expect(envelopeOf(stale).status_code).toBe(1000);
    expect(envelopeOf(stale).status_message).toContain('not stored');
    const stored = await readBack('NL/CP1/LOC-STALE');
    expect(envelopeOf(stored).data.name).toBe(location.name);
    expect(envelopeOf(stored).data.last_updated).toBe(at(30));
    expect(await net.outbox('locations:NL*CP1*LOC-STALE')).toHaveLength(1);
  });

  it('bumps the location last_updated when an EVSE is patched, merging only the EVSE', async () => {
    // Prepare
    const location = locationOf(CP1, 'LOC-EVSE', at(40));
    await net.cpo1.pushLocation(location, { to: HUB });
    // Act
    const res = await net.cpo1.patchEvse(
      CP1,
      'LOC-EVSE',
      '3256',
      { status: 'CHARGING', last_updated: at(45) },
      {
        to: HUB,
      },
    );
    // Assess
    expect(res.status).toBe(200);
    const stored = envelopeOf(await readBack('NL/CP1/LOC-EVSE')).data;
    expect(stored.last_updated).toBe(at(45));
    expect(stored.name).toBe(location.name);
    expect(stored.evses[0]).toMatchObject({ uid: '3256', status: 'CHARGING', last_updated: at(45) });
    expect(stored.evses[0].connectors).toHaveLength(2);
    expect(stored.evses[1].status).toBe(location.evses[1].status);
  });

  it('bumps the EVSE and the location when a connector is patched', async () => {
    // Prepare
    await net.cpo1.pushLocation(locationOf(CP1, 'LOC-CONN', at(50)), { to: HUB });
    // Act
    const res = await net.cpo1.hubRequest('PATCH', 'locations/NL/CP1/LOC-CONN/3256/2', {
      to: HUB,
      body: { max_amperage: 32, last_updated: at(55) },
    });
    // Assess
    expect(envelopeOf(res).status_code).toBe(1000);
    const connector = envelopeOf(await readBack('NL/CP1/LOC-CONN/3256/2')).data;
    expect(connector).toMatchObject({ id: '2', max_amperage: 32, standard: 'IEC_62196_T2' });
    expect(envelopeOf(await readBack('NL/CP1/LOC-CONN/3256')).data.last_updated).toBe(at(55));
    expect(envelopeOf(await readBack('NL/CP1/LOC-CONN')).data.last_updated).toBe(at(55));
  });

  it('adds an EVSE with a PUT on the EVSE path', async () => {
    // Prepare
    const location = locationOf(CP1, 'LOC-ADD', at(60));
    await net.cpo1.pushLocation(location, { to: HUB });
    const evse = { ...location.evses[0], uid: 'NEW-EVSE', last_updated: at(61) };
    // Act
    const res = await net.cpo1.hubRequest('PUT', 'locations/NL/CP1/LOC-ADD/NEW-EVSE', {
      to: HUB,
      body: evse,
    });
    // Assess
    expect(envelopeOf(res).status_code).toBe(1000);
    const stored = envelopeOf(await readBack('NL/CP1/LOC-ADD')).data;
    expect(stored.evses.map((e: { uid: string }) => e.uid)).toEqual(['3256', '3257', 'NEW-EVSE']);
    expect(stored.last_updated).toBe(at(61));
  });

  it('answers a PATCH of an unknown location with 2003', async () => {
    // Act
    const res = await net.cpo1.hubRequest('PATCH', 'locations/NL/CP1/NOPE', {
      to: HUB,
      body: { name: 'x', last_updated: at(1) },
    });
    // Assess
    expect(envelopeOf(res).status_code).toBe(2003);
  });

  it('queues one broadcast outbox item per stored change, owner segments kept', async () => {
    // Prepare
    const location = locationOf(CP2, 'LOC-BC', at(70));
    // Act
    await net.cpo2.pushLocation(location, { to: HUB });
    await net.cpo2.patchEvse(
      CP2,
      'LOC-BC',
      '3257',
      { status: 'AVAILABLE', last_updated: at(71) },
      { to: HUB },
    );
    // Assess
    const items = await net.outbox('locations:DE*CP2*LOC-BC');
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      kind: 'broadcast',
      module: 'locations',
      method: 'PUT',
      pathSegments: ['DE', 'CP2', 'LOC-BC'],
      owner: { country_code: 'DE', party_id: 'CP2', role: 'CPO' },
    });
    expect(JSON.parse(items[0]?.bodyText ?? '{}')).toEqual(location);
    expect(items[1]).toMatchObject({ method: 'PATCH', pathSegments: ['DE', 'CP2', 'LOC-BC', '3257'] });
    expect(JSON.parse(items[1]?.bodyText ?? '{}')).toEqual({ status: 'AVAILABLE', last_updated: at(71) });
    expect(String(items[0]?.sequence) < String(items[1]?.sequence)).toBe(true);
  });

  it('forwards a push addressed to one eMSP to that eMSP only, without storing it', async () => {
    // Prepare
    const location = locationOf(CP1, 'LOC-DIRECT', at(80));
    const direct = (r: { path: string }) => r.path.includes('LOC-DIRECT');
    // Act
    const res = await net.cpo1.pushLocation(location, { to: EM1 });
    // Assess
    expect(res.status).toBe(201);
    expect(envelopeOf(res).status_code).toBe(1000);
    expect(res.headers['ocpi-from-party-id']).toBe('EM1');
    expect(res.headers['ocpi-to-party-id']).toBe('CP1');
    expect(net.emsp1.stored('locations', 'NL', 'CP1', 'LOC-DIRECT')).toEqual(location);
    const delivered = net.emsp1.received.filter(direct);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.headers['ocpi-from-party-id']).toBe('CP1');
    expect(delivered[0]?.headers['ocpi-to-party-id']).toBe('EM1');
    expect(net.emsp2.requests.filter(direct)).toHaveLength(0);
    expect((await readBack('NL/CP1/LOC-DIRECT')).status).toBe(404);
    expect(await net.outbox('locations:NL*CP1*LOC-DIRECT')).toHaveLength(0);
  });

  it('serializes concurrent EVSE patches of one location: each EVSE keeps its newest', async () => {
    // Prepare
    await net.cpo1.pushLocation(locationOf(CP1, 'LOC-RACE', at(90)), { to: HUB });
    const statuses = ['CHARGING', 'BLOCKED', 'AVAILABLE', 'OUTOFORDER', 'RESERVED', 'INOPERATIVE'];
    // Act
    const answers = await Promise.all(
      statuses.map((status, i) =>
        net.cpo1.patchEvse(
          CP1,
          'LOC-RACE',
          i % 2 ? '3257' : '3256',
          { status, last_updated: at(91 + i) },
          { to: HUB },
        ),
      ),
    );
    // Assess
    expect(answers.map((a) => envelopeOf(a).status_code)).toEqual(statuses.map(() => 1000));
    const stored = envelopeOf(await readBack('NL/CP1/LOC-RACE')).data;
    expect(stored.last_updated).toBe(at(96));
    // Patches may arrive in any order: each EVSE ends with its newest one, older ones answered as stale.
    expect(stored.evses[0]).toMatchObject({ uid: '3256', status: 'RESERVED', last_updated: at(95) });
    expect(stored.evses[1]).toMatchObject({ uid: '3257', status: 'INOPERATIVE', last_updated: at(96) });
    const outbox = await net.outbox('locations:NL*CP1*LOC-RACE');
    const applied = answers.filter((a) => envelopeOf(a).status_message === undefined).length;
    expect(outbox).toHaveLength(1 + applied);
  });

  it('keeps the newest of concurrent PUTs of one location', async () => {
    // Prepare
    const versions = [104, 100, 103, 101, 102].map((minute) => ({
      ...locationOf(CP2, 'LOC-PUTS', at(minute)),
      name: `v${minute}`,
    }));
    // Act
    const answers = await Promise.all(versions.map((v) => net.cpo2.pushLocation(v, { to: HUB })));
    // Assess
    expect(answers.map((a) => envelopeOf(a).status_code)).toEqual(versions.map(() => 1000));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const stored = await net.cpo2.hubRequest('GET', 'locations/DE/CP2/LOC-PUTS', {
      to: HUB,
      iface: 'RECEIVER',
    });
    expect(envelopeOf(stored).data).toMatchObject({ name: 'v104', last_updated: at(104) });
  });
});
