import { describe, expect, it } from 'vitest';
import type { CDR } from '../../../functions/ocpi/schemas/cdr';
import type { CdrToken } from '../../../functions/ocpi/schemas/cdr-token';
import type { Session } from '../../../functions/ocpi/schemas/session';
import { CDR211Schema, Session211Schema } from '../../../functions/ocpi/v211/schemas';
import {
  applySessionPatch211,
  cdrTo211,
  cdrTo221,
  type LossLog,
  sessionPatchTo211,
  sessionTo211,
  sessionTo221,
} from '../../../functions/ocpi/v211/translate';
import { CPO, example, locationLookup, type Obj, RECEIVED_AT, storedLocation } from './fixtures-211';
import { refusalOf } from './refusal';

/** The token of the 2.1.1 session and CDR examples (auth_id DE8ACC12E46L89), as the hub holds it. */
const TOKEN: CdrToken = {
  country_code: 'DE',
  party_id: 'TNM',
  uid: '012345678',
  type: 'RFID',
  contract_id: 'DE8ACC12E46L89',
};

const findCdrToken = async (authId: string) => (authId === TOKEN.contract_id ? TOKEN : undefined);
const findLocation = locationLookup(storedLocation());

describe('Session 2.1.1 -> 2.2.1', () => {
  it('stores the official finished session with ids, the looked-up token and a Price', async () => {
    // Act
    const session = await sessionTo221(example('mod_sessions_example_03.json') as never, CPO, findCdrToken);

    // Assess
    expect(session).toMatchObject({
      country_code: 'BE',
      party_id: 'BEC',
      start_date_time: '2015-06-29T22:39:09Z',
      end_date_time: '2015-06-29T23:50:16Z',
      cdr_token: TOKEN,
      location_id: 'LOC1',
      evse_uid: '3256',
      connector_id: '1',
      total_cost: { excl_vat: 8.5 },
      kwh: 41,
    });
    expect(session.total_cost).not.toHaveProperty('incl_vat');
    expect(session).not.toHaveProperty('location');
    expect(session.charging_periods).toEqual(example('mod_sessions_example_03.json').charging_periods);
  });

  it('refuses a session whose auth_id matches no token the hub knows, naming auth_id', async () => {
    // Prepare
    const session = { ...example('mod_sessions_example_02.json'), auth_id: 'NL-XYZ-UNKNOWN' };

    // Act
    const error = await refusalOf(() => sessionTo221(session as never, CPO, findCdrToken));

    // Assess
    expect(error.fieldPath).toBe('auth_id');
    expect(error.targetVersion).toBe('2.2.1');
  });

  it('refuses an embedded location with several EVSEs: the EVSE in use cannot be told', async () => {
    // Prepare
    const session = {
      ...example('mod_sessions_example_02.json'),
      location: example('mod_locations_example_06.json'),
    };

    // Act
    const error = await refusalOf(() => sessionTo221(session as never, CPO, findCdrToken));

    // Assess
    expect(error.fieldPath).toBe('location.evses');
  });

  it('applies the official 2.1.1 session PATCH to the stored session, replacing the cost', async () => {
    // Prepare
    const stored = await sessionTo221(example('mod_sessions_example_02.json') as never, CPO, findCdrToken);

    // Act
    const merged = await applySessionPatch211(
      stored,
      example('mod_sessions_example_01.json'),
      RECEIVED_AT,
      findCdrToken,
    );

    // Assess
    expect(merged).toEqual({ ...stored, total_cost: { excl_vat: 0.6 }, last_updated: RECEIVED_AT });
  });

  it('replaces the charging periods a 2.1.1 PATCH names instead of appending them', async () => {
    // Prepare
    const stored = await sessionTo221(example('mod_sessions_example_03.json') as never, CPO, findCdrToken);
    const periods = [
      { start_date_time: '2015-06-29T22:39:09Z', dimensions: [{ type: 'ENERGY', volume: 41 }] },
    ];

    // Act
    const merged = await applySessionPatch211(
      stored,
      { charging_periods: periods } as never,
      RECEIVED_AT,
      findCdrToken,
    );

    // Assess
    expect(merged.charging_periods).toEqual(periods);
  });
});

describe('Session 2.2.1 -> 2.1.1', () => {
  it('embeds the stored location with only the EVSE and connector in use', async () => {
    // Prepare
    const losses: LossLog = [];

    // Act
    const session = await sessionTo211(
      example('session_example_2_short_finished.json', '2.2.1') as Session,
      findLocation,
      losses,
    );

    // Assess
    expect(Session211Schema.safeParse(session).success).toBe(true);
    expect(session.location.evses).toHaveLength(1);
    expect(session.location.evses?.[0]?.uid).toBe('3256');
    expect(session.location.evses?.[0]?.connectors.map((c) => c.id)).toEqual(['1']);
    expect(session).toMatchObject({
      auth_id: 'NL-TST-C12345678-S',
      total_cost: 8.5,
      start_datetime: '2015-06-29T22:39:09Z',
    });
    expect(losses).toContainEqual({
      field: 'total_cost.incl_vat',
      note: 'dropped: 2.1.1 costs exclude VAT only',
    });
    expect(losses).toContainEqual({
      field: 'charging_periods[2].tariff_id',
      note: 'dropped: 2.1.1 has no such field',
    });
  });

  it('refuses a session at a location the hub does not hold', async () => {
    // Prepare
    const session = {
      ...(example('session_example_2_short_finished.json', '2.2.1') as Session),
      location_id: 'ELSEWHERE',
    };

    // Act
    const error = await refusalOf(() => sessionTo211(session, findLocation));

    // Assess
    expect(error.fieldPath).toBe('location_id');
  });

  it('sends a reservation as PENDING with no EVSE while it has none', async () => {
    // Prepare
    const base = example('session_example_2_short_finished.json', '2.2.1') as Session;
    const session: Session = { ...base, status: 'RESERVATION', evse_uid: '#NA', connector_id: '#NA' };

    // Act
    const translated = await sessionTo211(session, findLocation);

    // Assess
    expect(translated.status).toBe('PENDING');
    expect(translated.location.evses).toEqual([]);
  });

  it('sends the whole charging period list for a 2.2.1 PATCH that appends one', async () => {
    // Prepare
    const current = example('session_example_2_short_finished.json', '2.2.1') as Session;
    const patch = example('session_patch_example_charging_period.json', '2.2.1');

    // Act
    const translated = await sessionPatchTo211(patch as never, current, findLocation);

    // Assess
    expect(translated.charging_periods).toHaveLength(current.charging_periods!.length);
    expect(translated.last_updated).toBe(patch.last_updated);
  });
});

describe('CDR 2.1.1 <-> 2.2.1', () => {
  function cdr211(): Obj {
    // The official example's tariff price is the string "2.00" and its country the alpha-2 "BE"
    // (docs/ocpi-2.1.1-translation.md); derive the valid form.
    const cdr = example('mod_cdrs_example_01.json');
    cdr.tariffs[0].elements[0].price_components[0].price = 2;
    cdr.location.country = 'BEL';
    return cdr;
  }

  it('stores the official CDR with a CdrLocation, the looked-up token and Price costs', async () => {
    // Act
    const cdr = await cdrTo221(cdr211() as never, CPO, findCdrToken);

    // Assess
    expect(cdr).toMatchObject({
      country_code: 'BE',
      party_id: 'BEC',
      end_date_time: '2015-06-29T23:37:32Z',
      cdr_token: TOKEN,
      total_cost: { excl_vat: 4 },
      total_energy: 15.342,
      cdr_location: { id: 'LOC1', evse_uid: '3256', evse_id: 'BE-BEC-E041503003', connector_id: '1' },
    });
    expect(cdr.tariffs?.[0]).toMatchObject({ country_code: 'BE', party_id: 'BEC', id: '12' });
  });

  it('gives the official 2.2.1 CDR a 2.1.1 form with the snapshot laid over the stored location', async () => {
    // Prepare
    const losses: LossLog = [];

    // Act
    const cdr = await cdrTo211(example('cdr_example.json', '2.2.1') as CDR, findLocation, losses);

    // Assess
    expect(CDR211Schema.safeParse(cdr).success).toBe(true);
    expect(cdr).toMatchObject({
      total_cost: 4,
      stop_date_time: '2015-06-29T23:37:32Z',
      auth_id: 'DE8ACC12E46L89',
    });
    expect(cdr.location.coordinates).toEqual({ latitude: '3.729944', longitude: '51.047599' });
    expect(cdr.location.evses?.[0]).toMatchObject({ uid: '3256', evse_id: 'BE*BEC*E041503003' });
    expect(cdr.location.evses?.[0]?.connectors[0]).toMatchObject({
      format: 'SOCKET',
      power_type: 'AC_1_PHASE',
      voltage: 220,
    });
    expect(losses.map((loss) => loss.field)).toContain('total_time_cost');
  });

  it('refuses a CDR whose location names its country in two letters, naming cdr_location.country', async () => {
    // Prepare
    const cdr = { ...cdr211(), location: { ...cdr211().location, country: 'BE' } };

    // Act
    const error = await refusalOf(() => cdrTo221(cdr as never, CPO, findCdrToken));

    // Assess
    expect(error.fieldPath).toBe('cdr_location.country');
  });

  it('refuses a credit CDR toward 2.1.1, which has none', async () => {
    // Prepare
    const cdr = {
      ...(example('cdr_example.json', '2.2.1') as CDR),
      credit: true,
      credit_reference_id: '12344',
    };

    // Act
    const error = await refusalOf(() => cdrTo211(cdr, findLocation));

    // Assess
    expect(error.fieldPath).toBe('credit');
  });

  it('refuses a 2.1.1 CDR whose only dimensions are FLAT', async () => {
    // Prepare
    const cdr = cdr211();
    cdr.charging_periods = [
      { start_date_time: '2015-06-29T21:39:09Z', dimensions: [{ type: 'FLAT', volume: 1 }] },
    ];

    // Act
    const error = await refusalOf(() => cdrTo221(cdr as never, CPO, findCdrToken));

    // Assess
    expect(error.fieldPath).toBe('charging_periods');
  });
});
