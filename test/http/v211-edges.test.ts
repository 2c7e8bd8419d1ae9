import { describe, expect, it } from 'vitest';
import { loadExample } from '../ocpi/schemas/load-example';
import { hubWithPlatforms } from '../support/platforms';

type Obj = Record<string, unknown>;

const tariff211 = (id: string, price: number): Obj => ({
  id,
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price, step_size: 1 }] }],
  last_updated: '2024-01-10T09:00:00Z',
});

describe('OCPI 2.1.1 partners: pulls, PATCHes and what 2.1.1 cannot express', () => {
  const fx = hubWithPlatforms();
  const registered211 = (role: 'CPO' | 'EMSP', partyId: string) =>
    fx.pool.registered211(fx.hub, role, partyId);

  it('sends a 2.1.1 eMSP no unpublished location: the delivery fails naming publish, its pull leaves it out', async () => {
    // Prepare
    const { platform: emsp, partnerId } = await registered211('EMSP', 'P11');
    const { platform: cpo } = await fx.pool.registered(fx.hub, 'CPO', 'P22');
    const location = {
      ...loadExample<Obj>('location_example.json', '2.2.1'),
      country_code: 'NL',
      party_id: 'P22',
    };
    // Act
    await cpo.pushLocation({ ...location, id: 'PUB1' });
    await cpo.pushLocation({ ...location, id: 'HID1', publish: false });
    await emsp.waitFor(() => emsp.store.get('locations/NL/P22/PUB1'));
    const pull = await emsp.hubRequest('GET', 'locations?limit=10');
    // Assess
    await expect
      .poll(async () => {
        const res = await fx.hub.admin('GET', `/deliveries?partner=${partnerId}&status=failed`);
        return (res.body.deliveries as Obj[]).map((d) => [d.path, d.version, d.last_error]);
      })
      .toEqual([['NL/P22/HID1', '2.1.1', expect.stringMatching(/publish.*2\.1\.1/)]]);
    expect(emsp.store.has('locations/NL/P22/HID1')).toBe(false);
    const data = pull.body?.data as Obj[];
    expect(pull.body?.status_code).toBe(1000);
    expect(data.map((l) => l.id)).toEqual(['PUB1']);
    expect(data[0]).toMatchObject({ type: 'ON_STREET' });
    expect(data[0]).not.toHaveProperty('publish');
  });

  it('applies a 2.1.1 Tariff PATCH to the stored tariff and sends 2.2.1 eMSPs the whole tariff as a PUT', async () => {
    // Prepare
    const { platform: cpo } = await registered211('CPO', 'T11');
    const { platform: emsp } = await fx.pool.registered(fx.hub, 'EMSP', 'T22');
    await cpo.hubRequest('PUT', 'tariffs/NL/T11/TAR1', { body: tariff211('TAR1', 0.25) });
    await emsp.waitFor(() => emsp.stored('tariffs', 'NL', 'T11', 'TAR1'));
    // Act: 2.1.1 allows a PATCH without last_updated.
    const patch = await cpo.hubRequest('PATCH', 'tariffs/NL/T11/TAR1', {
      body: { elements: [{ price_components: [{ type: 'ENERGY', price: 0.3, step_size: 1 }] }] },
    });
    // Assess
    expect(patch.body).toMatchObject({ status_code: 1000 });
    const pushes = await emsp.waitFor(() => {
      const seen = emsp.received.filter((r) => r.module === 'tariffs');
      return seen.length === 2 ? seen : undefined;
    });
    expect(pushes.map((r) => r.method)).toEqual(['PUT', 'PUT']);
    expect(pushes[1]?.body).toMatchObject({
      id: 'TAR1',
      country_code: 'NL',
      party_id: 'T11',
      currency: 'EUR',
      elements: [{ price_components: [{ price: 0.3 }] }],
    });
  });

  it('lets a 2.1.1 CPO pull tokens in 2.1.1 without the 2.2.1 type in the path', async () => {
    // Prepare
    const { platform: cpo } = await registered211('CPO', 'K11');
    const { platform: emsp } = await fx.pool.registered(fx.hub, 'EMSP', 'K22');
    const token = {
      country_code: 'NL',
      party_id: 'K22',
      uid: 'APP1',
      type: 'APP_USER',
      contract_id: 'C-APP1',
      issuer: 'Sim eMSP',
      valid: true,
      whitelist: 'ALLOWED',
      last_updated: '2024-01-10T10:00:00Z',
    };
    await emsp.pushToken(token);
    // Act
    const pushed = await cpo.waitFor(() => cpo.store.get('tokens/NL/K22/APP1'));
    const pull = await cpo.hubRequest('GET', 'tokens?limit=5');
    // Assess: APP_USER has no 2.1.1 value and goes as OTHER (docs/ocpi-2.1.1-translation.md).
    expect(pushed).toMatchObject({ uid: 'APP1', type: 'OTHER', auth_id: 'C-APP1' });
    const push = cpo.requests.find((r) => r.method === 'PUT' && r.path.endsWith('/APP1'));
    expect(push?.query).toBe('');
    expect(pull.body?.data).toContainEqual(expect.objectContaining({ uid: 'APP1', type: 'OTHER' }));
  });

  it('sends RESERVE_NOW to a 2.1.1 CPO with an int reservation id, and refuses ids and commands 2.1.1 lacks', async () => {
    // Prepare
    const { platform: cpo } = await registered211('CPO', 'R11');
    const { platform: emsp } = await fx.pool.registered(fx.hub, 'EMSP', 'R22');
    const cpoParty = { country_code: 'NL', party_id: 'R11' };
    const token = {
      country_code: 'NL',
      party_id: 'R22',
      uid: 'RES1',
      type: 'RFID',
      contract_id: 'C-RES1',
      issuer: 'Sim eMSP',
      valid: true,
      whitelist: 'ALLOWED',
      last_updated: '2024-01-10T10:00:00Z',
    };
    const reserve = (reservation_id: string) => ({
      token,
      expiry_date: '2030-01-10T12:00:00Z',
      reservation_id,
      location_id: 'LOC1',
    });
    // Act
    const numeric = await emsp.sendCommand('RESERVE_NOW', reserve('42'), { to: cpoParty });
    const text = await emsp.sendCommand('RESERVE_NOW', reserve('R-42'), { to: cpoParty });
    const cancel = await emsp.sendCommand('CANCEL_RESERVATION', { reservation_id: '42' }, { to: cpoParty });
    // Assess
    expect(numeric.response.body).toMatchObject({ status_code: 1000, data: { result: 'ACCEPTED' } });
    expect(cpo.store.get('commands/RESERVE_NOW')).toMatchObject({
      reservation_id: 42,
      token: { auth_id: 'C-RES1' },
    });
    expect(text.response.body).toMatchObject({
      status_code: 2001,
      status_message: expect.stringContaining('reservation_id'),
    });
    expect(cancel.response.body).toMatchObject({
      status_code: 2001,
      status_message: expect.stringContaining('command'),
    });
  });

  it('refuses the 2.1.1 functional endpoints to a partner connected on 2.2.1, naming its version', async () => {
    // Prepare
    const { platform: cpo } = await fx.pool.registered(fx.hub, 'CPO', 'W22');
    // Act
    const res = await cpo.hubRequest('GET', `${fx.hub.url}/demo/ocpi/2.1.1/sender/tokens`);
    // Assess
    expect(res.body).toMatchObject({ status_code: 2000, status_message: expect.stringContaining('2.2.1') });
  });
});
