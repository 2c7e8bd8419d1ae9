import { describe, expect, it } from 'vitest';
import { periodAt, sessionOf, tokenOf } from '../hub/charging/charging-fixtures';
import { hubWithPlatforms } from '../support/platforms';
import { location211, location221, session211 } from './v211-fixtures';

type Obj = Record<string, unknown>;

describe('OCPI 2.1.1 partners: Session, EVSE and Connector PATCHes on the wire', () => {
  const fx = hubWithPlatforms();
  const registered211 = (role: 'CPO' | 'EMSP', partyId: string) =>
    fx.pool.registered211(fx.hub, role, partyId);

  it('turns a 2.1.1 CPO’s PATCHes into 2.2.1 PATCHes (EVSE, Connector) and a whole-session PUT for a 2.2.1 eMSP', async () => {
    // Prepare
    const { platform: cpo } = await registered211('CPO', 'PA1');
    const { platform: emsp } = await fx.pool.registered(fx.hub, 'EMSP', 'PA2');
    await emsp.pushToken(tokenOf({ country_code: 'NL', party_id: 'PA2' }, 'TOKP'));
    await cpo.hubRequest('PUT', 'locations/NL/PA1/LOCP', { body: location211('LOCP') });
    await cpo.hubRequest('PUT', 'sessions/NL/PA1/SP1', { body: session211('SP1', 'C-TOKP', 'LOCP') });
    await emsp.waitFor(() => emsp.stored('locations', 'NL', 'PA1', 'LOCP'));
    await emsp.waitFor(() => emsp.stored('sessions', 'NL', 'PA1', 'SP1'));
    const periods211 = [
      { start_date_time: '2024-01-10T10:00:00Z', dimensions: [{ type: 'ENERGY', volume: 1.5 }] },
      { start_date_time: '2024-01-10T10:15:00Z', dimensions: [{ type: 'ENERGY', volume: 2 }] },
    ];

    // Act: 2.1.1 PATCHes without last_updated (legal in 2.1.1).
    const evse = await cpo.hubRequest('PATCH', 'locations/NL/PA1/LOCP/EVSE1', {
      body: { status: 'CHARGING' },
    });
    const connector = await cpo.hubRequest('PATCH', 'locations/NL/PA1/LOCP/EVSE1/1', {
      body: { voltage: 400, amperage: 32 },
    });
    const session = await cpo.hubRequest('PATCH', 'sessions/NL/PA1/SP1', {
      body: { kwh: 3.5, charging_periods: periods211 },
    });

    // Assess
    expect([evse, connector, session].map((r) => r.body?.status_code)).toEqual([1000, 1000, 1000]);
    const arrived = (path: string, method: string) =>
      emsp.waitFor(() => emsp.received.find((r) => r.method === method && r.path.endsWith(path)));
    const evsePatch = await arrived('/NL/PA1/LOCP/EVSE1', 'PATCH');
    expect(evsePatch.body).toEqual({ status: 'CHARGING', last_updated: expect.any(String) });
    const connectorPatch = await arrived('/NL/PA1/LOCP/EVSE1/1', 'PATCH');
    expect(connectorPatch.body).toEqual({
      max_voltage: 400,
      max_amperage: 32,
      last_updated: expect.any(String),
    });
    const sessionPut = await emsp.waitFor(() =>
      emsp.received.find(
        (r) => r.method === 'PUT' && r.path.endsWith('/NL/PA1/SP1') && (r.body as Obj).kwh === 3.5,
      ),
    );
    expect(sessionPut.body).toMatchObject({
      id: 'SP1',
      kwh: 3.5,
      cdr_token: { uid: 'TOKP', contract_id: 'C-TOKP' },
      charging_periods: [
        { start_date_time: '2024-01-10T10:00:00Z', dimensions: [{ type: 'ENERGY', volume: 1.5 }] },
        { start_date_time: '2024-01-10T10:15:00Z', dimensions: [{ type: 'ENERGY', volume: 2 }] },
      ],
    });
  });

  it('sends a 2.1.1 eMSP a 2.2.1 CPO’s EVSE and Connector PATCHes in 2.1.1, and a Session PATCH with every period', async () => {
    // Prepare
    const { platform: emsp } = await registered211('EMSP', 'PB1');
    const { platform: cpo } = await fx.pool.registered(fx.hub, 'CPO', 'PB2');
    const cpoParty = { country_code: 'NL', party_id: 'PB2' };
    await cpo.pushLocation(location221(cpoParty, 'LOCQ'));
    const session = sessionOf(cpoParty, emsp.party, 'SQ1', {
      cdr_token: { ...emsp.party, uid: 'TOKQ', type: 'RFID', contract_id: 'C-TOKQ' },
      location_id: 'LOCQ',
      evse_uid: '3256',
    });
    await cpo.hubRequest('PUT', 'sessions/NL/PB2/SQ1', { body: session });
    await emsp.waitFor(() => emsp.store.get('locations/NL/PB2/LOCQ'));
    await emsp.waitFor(() => emsp.store.get('sessions/NL/PB2/SQ1'));
    const at = '2024-01-10T10:20:00Z';

    // Act
    const evse = await cpo.patchEvse(cpoParty, 'LOCQ', '3256', { status: 'CHARGING', last_updated: at });
    const connector = await cpo.hubRequest('PATCH', 'locations/NL/PB2/LOCQ/3256/1', {
      body: { max_voltage: 400, max_electric_power: 22000, last_updated: at },
    });
    const patch = await cpo.hubRequest('PATCH', 'sessions/NL/PB2/SQ1', {
      body: { kwh: 4, charging_periods: [periodAt('2024-01-10T10:15:00Z', 2.5)], last_updated: at },
    });

    // Assess
    expect([evse, connector, patch].map((r) => (r.body as Obj).status_code)).toEqual([1000, 1000, 1000]);
    const arrived = (path: string) =>
      emsp.waitFor(() => emsp.requests.find((r) => r.method === 'PATCH' && r.path.endsWith(path)));
    expect((await arrived('/NL/PB2/LOCQ/3256')).body).toEqual({ status: 'CHARGING', last_updated: at });
    // max_electric_power has no 2.1.1 field (docs/ocpi-2.1.1-translation.md): only the voltage goes.
    expect((await arrived('/NL/PB2/LOCQ/3256/1')).body).toEqual({ voltage: 400, last_updated: at });
    const sessionPatch = await arrived('/NL/PB2/SQ1');
    expect(sessionPatch.body).toMatchObject({
      kwh: 4,
      last_updated: at,
      charging_periods: [
        { start_date_time: '2024-01-10T10:00:00Z', dimensions: [{ type: 'ENERGY', volume: 1.5 }] },
        { start_date_time: '2024-01-10T10:15:00Z', dimensions: [{ type: 'ENERGY', volume: 2.5 }] },
      ],
    });
    expect(sessionPatch.headers).not.toHaveProperty('ocpi-from-party-id');
    expect(emsp.store.get('sessions/NL/PB2/SQ1')).toMatchObject({ kwh: 4 });
  });
});
