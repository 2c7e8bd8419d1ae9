import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from '../../functions/ocpi/pagination';
import { cdrOf, sessionOf, tokenOf } from '../hub/charging/charging-fixtures';
import { hubWithPlatforms } from '../support/platforms';
import { cdr211, location211, location221, session211, tariff211, token211 } from './v211-fixtures';

type Obj = Record<string, unknown>;
type Page = { status_code?: number; data?: Obj[] };

describe('OCPI 2.1.1 partners: lists pulled through the hub', () => {
  const fx = hubWithPlatforms();
  const registered211 = (role: 'CPO' | 'EMSP', partyId: string) =>
    fx.pool.registered211(fx.hub, role, partyId);

  it('translates every object of a page a 2.1.1 CPO answers to a routed GET, and keeps the pull on the hub', async () => {
    // Prepare: the eMSP's token is at the hub, so the CPO's auth_id can be looked up.
    const { platform: cpo } = await registered211('CPO', 'F11');
    const { platform: emsp } = await fx.pool.registered(fx.hub, 'EMSP', 'F22');
    const emspParty = { country_code: 'NL', party_id: 'F22' };
    await emsp.pushToken(tokenOf(emspParty, 'TOKF'));
    cpo.pageLimit = 2;
    // A 2.1.1 id of 37 characters cannot be a 2.2.1 Location.id (36): it is left out of its page.
    const tooLong = 'L'.repeat(37);
    cpo.seeded.set('locations', ['LOCA', tooLong, 'LOCB', 'LOCC'].map(location211));
    cpo.seeded.set('tariffs', [tariff211('TF1')]);
    cpo.seeded.set('sessions', [session211('SF1', 'C-TOKF', 'LOCA')]);
    cpo.seeded.set('cdrs', [cdr211('CDRF1', 'C-TOKF', 'LOCA')]);
    const to = cpo.party;

    // Act
    const pages: Page[] = [];
    const links: string[] = [];
    let res = await emsp.hubRequest('GET', 'locations', { to });
    for (;;) {
      pages.push(res.body as Page);
      const next = parseLinkHeader(res.headers.link);
      if (!next) break;
      links.push(next);
      res = await emsp.hubRequest('GET', next, { to });
    }
    const tariffs = await emsp.hubRequest('GET', 'tariffs', { to });
    const sessions = await emsp.hubRequest('GET', 'sessions', { to });
    const cdrs = await emsp.hubRequest('GET', 'cdrs', { to });

    // Assess: 2.2.1 objects owned by the CPO's one party, page after page through hub URLs.
    expect(pages.map((p) => p.status_code)).toEqual([1000, 1000]);
    const locations = pages.flatMap((p) => p.data ?? []);
    expect(locations.map((l) => l.id)).toEqual(['LOCA', 'LOCB', 'LOCC']);
    for (const location of locations) {
      expect(location).toMatchObject({ country_code: 'NL', party_id: 'F11', parking_type: 'ON_STREET' });
      expect(location).not.toHaveProperty('type');
      expect((location.evses as Obj[])[0]?.connectors).toMatchObject([
        { max_voltage: 220, max_amperage: 16, tariff_ids: ['T1'] },
      ]);
    }
    expect(links).toHaveLength(1);
    expect(links[0]?.startsWith(`${fx.hub.url}/demo/ocpi/2.2.1/sender/locations?link=`)).toBe(true);
    expect(links[0]).not.toContain(cpo.baseUrl);
    expect((tariffs.body as Page).data).toMatchObject([{ id: 'TF1', country_code: 'NL', party_id: 'F11' }]);
    expect((sessions.body as Page).data).toMatchObject([
      {
        id: 'SF1',
        country_code: 'NL',
        party_id: 'F11',
        start_date_time: '2024-01-10T10:00:00Z',
        cdr_token: { uid: 'TOKF', contract_id: 'C-TOKF', country_code: 'NL', party_id: 'F22' },
        location_id: 'LOCA',
        evse_uid: 'EVSE1',
        connector_id: '1',
        total_cost: { excl_vat: 0.38 },
      },
    ]);
    expect((cdrs.body as Page).data).toMatchObject([
      {
        id: 'CDRF1',
        end_date_time: '2024-01-10T11:00:00Z',
        cdr_token: { uid: 'TOKF' },
        cdr_location: { id: 'LOCA', evse_uid: 'EVSE1', connector_id: '1' },
        total_cost: { excl_vat: 4 },
        total_energy: 15.342,
      },
    ]);
  });

  it('translates the tokens a 2.1.1 eMSP answers to a routed GET of a 2.2.1 CPO', async () => {
    // Prepare
    const { platform: emsp } = await registered211('EMSP', 'H11');
    const { platform: cpo } = await fx.pool.registered(fx.hub, 'CPO', 'H22');
    emsp.seeded.set('tokens', [token211('TOKH1'), { ...token211('TOKH2'), type: 'OTHER' }]);
    // Act
    const res = await cpo.hubRequest('GET', 'tokens', { to: emsp.party });
    // Assess
    expect(res.body).toMatchObject({
      status_code: 1000,
      data: [
        { uid: 'TOKH1', type: 'RFID', contract_id: 'C-TOKH1', country_code: 'NL', party_id: 'H11' },
        { uid: 'TOKH2', type: 'OTHER', contract_id: 'C-TOKH2', country_code: 'NL', party_id: 'H11' },
      ],
    });
    expect((res.body as Page).data?.[0]).not.toHaveProperty('auth_id');
  });

  it('serves a 2.1.1 eMSP its sessions and CDRs in 2.1.1, page after page on 2.1.1 hub URLs', async () => {
    // Prepare
    const { platform: emsp } = await registered211('EMSP', 'G11');
    const { platform: cpo } = await fx.pool.registered(fx.hub, 'CPO', 'G22');
    const cpoParty = { country_code: 'NL', party_id: 'G22' };
    const cdrToken = { ...emsp.party, uid: 'TOKG', type: 'RFID', contract_id: 'C-TOKG' };
    await cpo.pushLocation(location221(cpoParty, 'LOCG'));
    for (const id of ['SG1', 'SG2', 'SG3']) {
      const session = sessionOf(cpoParty, emsp.party, id, {
        cdr_token: cdrToken,
        location_id: 'LOCG',
        evse_uid: '3256',
        total_cost: { excl_vat: 0.38, incl_vat: 0.46 },
      });
      expect((await cpo.hubRequest('PUT', `sessions/NL/G22/${id}`, { body: session })).body).toMatchObject({
        status_code: 1000,
      });
    }
    const cdr = cdrOf(cpoParty, emsp.party, 'CDRG1', {
      cdr_token: cdrToken,
      cdr_location: {
        ...(cdrOf(cpoParty, emsp.party, 'X').cdr_location as Obj),
        id: 'LOCG',
        evse_uid: '3256',
      },
    });
    expect((await cpo.postCdr(cdr)).body).toMatchObject({ status_code: 1000 });

    // Act
    const first = await emsp.hubRequest('GET', 'sessions?limit=2');
    const next = parseLinkHeader(first.headers.link) ?? '';
    const second = next ? await emsp.hubRequest('GET', next) : undefined;
    const cdrs = await emsp.hubRequest('GET', 'cdrs');

    // Assess
    expect(next.startsWith(`${fx.hub.url}/demo/ocpi/2.1.1/sender/sessions?`)).toBe(true);
    const sessions = [first, second].flatMap((r) => (r?.body as Page | undefined)?.data ?? []);
    expect(sessions.map((s) => s.id)).toEqual(['SG1', 'SG2', 'SG3']);
    for (const session of sessions) {
      expect(session).toMatchObject({ auth_id: 'C-TOKG', total_cost: 0.38, location: { id: 'LOCG' } });
      expect(session).toHaveProperty('start_datetime');
      expect(session).not.toHaveProperty('cdr_token');
      expect(session).not.toHaveProperty('country_code');
    }
    expect(first.headers['x-total-count']).toBe('3');
    expect((cdrs.body as Page).data).toMatchObject([
      { id: 'CDRG1', auth_id: 'C-TOKG', total_cost: 4, location: { id: 'LOCG' } },
    ]);
    expect((cdrs.body as Page).data?.[0]).toHaveProperty('stop_date_time');
  });
});
