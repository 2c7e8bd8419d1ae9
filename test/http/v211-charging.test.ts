import { describe, expect, it } from 'vitest';
import { cdrOf, sessionOf, tokenOf } from '../hub/charging/charging-fixtures';
import { hubWithPlatforms } from '../support/platforms';
import { cdr211, location211, location221, session211, tariff211, token211 } from './v211-fixtures';

type Obj = Record<string, unknown>;

describe('the charging story between OCPI 2.1.1 and 2.2.1 partners', () => {
  const fx = hubWithPlatforms();
  const registered211 = (role: 'CPO' | 'EMSP', partyId: string) =>
    fx.pool.registered211(fx.hub, role, partyId);

  /** The versions the delivery records of a partner's pushes were sent in. */
  async function deliveryVersions(partnerId: string, module: string): Promise<string[]> {
    const res = await fx.hub.admin('GET', `/deliveries?partner=${partnerId}`);
    const items = res.body.deliveries as Array<{ module: string; version: string }>;
    return items.filter((d) => d.module === module).map((d) => d.version);
  }

  it('runs 2.1.1 CPO -> 2.2.1 eMSP: location, tariff, token, authorize, START_SESSION, session, CDR', async () => {
    // Prepare
    const { platform: cpo } = await registered211('CPO', 'C11');
    const { platform: emsp, partnerId: emspId } = await fx.pool.registered(fx.hub, 'EMSP', 'E22');
    const cpoParty = cpo.party;
    const emspParty = { country_code: 'NL', party_id: 'E22' };

    // Act 1: the 2.1.1 CPO pushes a location and a tariff without routing headers.
    const putLocation = await cpo.hubRequest('PUT', 'locations/NL/C11/LOC1', { body: location211('LOC1') });
    const putTariff = await cpo.hubRequest('PUT', 'tariffs/NL/C11/T1', { body: tariff211('T1') });
    // Assess 1: the 2.2.1 eMSP receives them in 2.2.1, owned by the CPO's one party.
    expect(putLocation.body).toMatchObject({ status_code: 1000 });
    expect(putTariff.body).toMatchObject({ status_code: 1000 });
    const location = await emsp.waitFor(() => emsp.stored('locations', 'NL', 'C11', 'LOC1'));
    expect(location).toMatchObject({ country_code: 'NL', party_id: 'C11', parking_type: 'ON_STREET' });
    expect((location.evses as Obj[])[0]?.connectors).toMatchObject([
      { max_voltage: 220, max_amperage: 16, tariff_ids: ['T1'] },
    ]);
    expect(await emsp.waitFor(() => emsp.stored('tariffs', 'NL', 'C11', 'T1'))).toMatchObject({
      country_code: 'NL',
      party_id: 'C11',
    });
    await expect.poll(() => deliveryVersions(emspId, 'locations')).toEqual(['2.2.1']);

    // Act 2: the eMSP's token reaches the 2.1.1 CPO as a 2.1.1 token.
    const token = tokenOf(emspParty, 'TOK1');
    await emsp.pushToken(token);
    const atCpo = await cpo.waitFor(() => cpo.store.get('tokens/NL/E22/TOK1'));
    // Assess 2
    expect(atCpo).toMatchObject({ uid: 'TOK1', auth_id: 'C-TOK1', type: 'RFID' });
    expect(atCpo).not.toHaveProperty('contract_id');

    // Act 3: the CPO authorizes the card without routing headers; the hub finds the eMSP by the token.
    emsp.setAuthorization('TOK1', 'ALLOWED');
    const authorize = await cpo.hubRequest('POST', 'tokens/TOK1/authorize', {
      body: { location_id: 'LOC1', evse_uids: ['EVSE1'] },
    });
    // Assess 3
    expect(authorize.body).toMatchObject({ status_code: 1000, data: { allowed: 'ALLOWED' } });
    expect(authorize.body?.data).not.toHaveProperty('token');

    // Act 4: the eMSP starts a session at the 2.1.1 CPO; the CPO's one CommandResponse is split.
    const start = await emsp.sendCommand(
      'START_SESSION',
      { token, location_id: 'LOC1', evse_uid: 'EVSE1' },
      { to: cpoParty },
    );
    // Assess 4: synchronous answer with the hub's timeout, then the asynchronous result.
    expect(start.response.body).toMatchObject({ status_code: 1000, data: { result: 'ACCEPTED' } });
    const command = cpo.store.get('commands/START_SESSION') as Obj;
    expect(command.token).toMatchObject({ uid: 'TOK1', auth_id: 'C-TOK1' });
    expect(String(command.response_url)).toContain('/demo/ocpi/2.1.1/sender/commands/');
    const result = await emsp.waitFor(() => emsp.received.find((r) => start.responseUrl.endsWith(r.path)));
    expect(result.body).toEqual({ result: 'ACCEPTED' });

    // Act 5: the CPO pushes the 2.1.1 session (auth_id, embedded location) and the CDR.
    const putSession = await cpo.hubRequest('PUT', 'sessions/NL/C11/S1', {
      body: session211('S1', 'C-TOK1', 'LOC1'),
    });
    const postCdr = await cpo.hubRequest('POST', 'cdrs', { body: cdr211('CDR1', 'C-TOK1', 'LOC1') });
    // Assess 5: the eMSP has them in 2.2.1, with its own token looked up by the contract id.
    expect(putSession.body).toMatchObject({ status_code: 1000 });
    expect(postCdr.body).toMatchObject({ status_code: 1000 });
    const session = await emsp.waitFor(() => emsp.stored('sessions', 'NL', 'C11', 'S1'));
    expect(session).toMatchObject({
      start_date_time: '2024-01-10T10:00:00Z',
      cdr_token: { uid: 'TOK1', type: 'RFID', contract_id: 'C-TOK1', country_code: 'NL', party_id: 'E22' },
      location_id: 'LOC1',
      evse_uid: 'EVSE1',
      connector_id: '1',
      total_cost: { excl_vat: 0.38 },
    });
    const cdr = await emsp.waitFor(() =>
      emsp.received.find((r) => r.module === 'cdrs' && r.method === 'POST'),
    );
    expect(cdr.body).toMatchObject({
      id: 'CDR1',
      end_date_time: '2024-01-10T11:00:00Z',
      cdr_token: { uid: 'TOK1' },
      cdr_location: { id: 'LOC1', evse_uid: 'EVSE1', connector_id: '1' },
      total_cost: { excl_vat: 4 },
      total_energy: 15.342,
    });
  });

  it('runs 2.2.1 CPO -> 2.1.1 eMSP: location, tariff, token, authorize, START_SESSION, session, CDR', async () => {
    // Prepare
    const { platform: emsp, partnerId: emspId } = await registered211('EMSP', 'E11');
    const { platform: cpo } = await fx.pool.registered(fx.hub, 'CPO', 'C22');
    const cpoParty = { country_code: 'NL', party_id: 'C22' };
    const emspParty = emsp.party;

    // Act 1: the 2.2.1 CPO's location and tariff are broadcast to the 2.1.1 eMSP.
    await cpo.pushLocation(location221(cpoParty, 'LOC2'));
    const tariff = { ...tariff211('T2'), country_code: 'NL', party_id: 'C22' };
    await cpo.hubRequest('PUT', 'tariffs/NL/C22/T2', { body: tariff });
    // Assess 1: 2.1.1 shapes, without routing headers.
    const location = await emsp.waitFor(() => emsp.store.get('locations/NL/C22/LOC2'));
    expect(location).toMatchObject({ id: 'LOC2', type: 'ON_STREET' });
    expect(location).not.toHaveProperty('parking_type');
    expect(await emsp.waitFor(() => emsp.store.get('tariffs/NL/C22/T2'))).toMatchObject({ id: 'T2' });
    const push = emsp.requests.find((r) => r.method === 'PUT' && r.path.endsWith('/LOC2'));
    expect(Object.keys(push?.headers ?? {}).some((h) => h.startsWith('ocpi-'))).toBe(false);
    await expect.poll(() => deliveryVersions(emspId, 'locations')).toEqual(['2.1.1']);
    const detail = await fx.hub.admin('GET', `/partners/${emspId}`);
    expect(detail.body.version).toBe('2.1.1');

    // Act 2: the 2.1.1 eMSP pushes its token; the 2.2.1 CPO receives a 2.2.1 token.
    emsp.seeded.set('tokens', [token211('TOK2')]);
    const putToken = await emsp.hubRequest('PUT', 'tokens/NL/E11/TOK2', { body: token211('TOK2') });
    // Assess 2
    expect(putToken.body).toMatchObject({ status_code: 1000 });
    expect(await cpo.waitFor(() => cpo.stored('tokens', 'NL', 'E11', 'TOK2', 'RFID'))).toMatchObject({
      country_code: 'NL',
      party_id: 'E11',
      contract_id: 'C-TOK2',
    });

    // Act 3: the CPO authorizes; the hub asks the 2.1.1 eMSP and answers with the whole token.
    const authorize = await cpo.hubRequest(
      'POST',
      '/demo/ocpi/2.2.1/sender/tokens/TOK2/authorize?type=RFID',
      {
        body: { location_id: 'LOC2' },
      },
    );
    // Assess 3
    expect(authorize.body).toMatchObject({
      status_code: 1000,
      data: { allowed: 'ALLOWED', token: { uid: 'TOK2', contract_id: 'C-TOK2' } },
    });

    // Act 4: the 2.1.1 eMSP starts a session at the 2.2.1 CPO.
    cpo.configureCommands({ response: 'ACCEPTED', timeout: 30, result: 'ACCEPTED', resultDelayMs: 20 });
    const responseUrl = `${emsp.moduleUrl('commands')}/START_SESSION/R1`;
    const start = await emsp.hubRequest('POST', 'commands/START_SESSION', {
      body: {
        response_url: responseUrl,
        token: token211('TOK2'),
        location_id: 'LOC2',
        evse_uid: '3256',
      },
      headers: { 'X-Correlation-ID': 'story-2' },
    });
    // Assess 4: a 2.1.1 CommandResponse now, the result at the eMSP's response_url later.
    expect(start.body).toMatchObject({ status_code: 1000, data: { result: 'ACCEPTED' } });
    expect(start.body?.data).not.toHaveProperty('timeout');
    expect(await emsp.waitFor(() => emsp.store.get('command-results/R1'))).toEqual({ result: 'ACCEPTED' });

    // Act 5: the CPO's session and CDR reach the 2.1.1 eMSP.
    const evseUid = '3256';
    const session = sessionOf(cpoParty, emspParty, 'S2', {
      cdr_token: { ...emspParty, uid: 'TOK2', type: 'RFID', contract_id: 'C-TOK2' },
      location_id: 'LOC2',
      evse_uid: evseUid,
      total_cost: { excl_vat: 0.38, incl_vat: 0.46 },
    });
    const putSession = await cpo.hubRequest('PUT', 'sessions/NL/C22/S2', { body: session });
    const cdr = cdrOf(cpoParty, emspParty, 'CDR2', {
      cdr_token: { ...emspParty, uid: 'TOK2', type: 'RFID', contract_id: 'C-TOK2' },
      cdr_location: {
        ...(cdrOf(cpoParty, emspParty, 'X').cdr_location as Obj),
        id: 'LOC2',
        evse_uid: evseUid,
      },
    });
    const postCdr = await cpo.postCdr(cdr);
    // Assess 5: 2.1.1 shapes with the location embedded and the amounts unchanged.
    expect(putSession.body).toMatchObject({ status_code: 1000 });
    expect(postCdr.body).toMatchObject({ status_code: 1000 });
    const atEmsp = await emsp.waitFor(() => emsp.store.get('sessions/NL/C22/S2'));
    expect(atEmsp).toMatchObject({ id: 'S2', auth_id: 'C-TOK2', total_cost: 0.38, location: { id: 'LOC2' } });
    const cdr211 = await emsp.waitFor(() => emsp.store.get('cdrs/CDR2'));
    expect(cdr211).toMatchObject({
      id: 'CDR2',
      auth_id: 'C-TOK2',
      total_cost: 4,
      stop_date_time: '2024-01-10T11:00:00Z',
    });
  });
});
