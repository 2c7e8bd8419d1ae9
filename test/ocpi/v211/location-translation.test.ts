import { describe, expect, it } from 'vitest';
import type { Location } from '../../../functions/ocpi/schemas/location';
import { Location211Schema } from '../../../functions/ocpi/v211/schemas';
import {
  connectorPatchTo221,
  evsePatchTo211,
  evsePatchTo221,
  type LossLog,
  locationPatchTo211,
  locationPatchTo221,
  locationTo211,
  locationTo221,
  UntranslatableError,
} from '../../../functions/ocpi/v211/translate';
import { CPO, example, type Obj, RECEIVED_AT, storedLocation } from './fixtures-211';

function location211(): Obj {
  return example('mod_locations_example_06.json');
}

function refusal(translate: () => unknown): UntranslatableError {
  try {
    translate();
  } catch (error) {
    if (error instanceof UntranslatableError) return error;
    throw error;
  }
  throw new Error('expected an UntranslatableError');
}

describe('Location 2.1.1 -> 2.2.1', () => {
  it('owns the location by the partner party, publishes it and renames the connector fields', () => {
    // Act
    const location = locationTo221(location211() as never, CPO);

    // Assess
    expect(location).toMatchObject({
      country_code: 'BE',
      party_id: 'BEC',
      publish: true,
      parking_type: 'ON_STREET',
    });
    expect(location.evses?.[0]?.connectors[0]).toMatchObject({
      max_voltage: 220,
      max_amperage: 16,
      tariff_ids: ['11'],
    });
    expect(location.evses?.[0]?.connectors[0]).not.toHaveProperty('voltage');
    expect(location).not.toHaveProperty('type');
  });

  it('takes a missing time zone from a single-zone country and notes it', () => {
    // Prepare
    const losses: LossLog = [];

    // Act
    const location = locationTo221(location211() as never, CPO, losses);

    // Assess
    expect(location.time_zone).toBe('Europe/Brussels');
    expect(losses).toContainEqual({
      field: 'time_zone',
      note: 'absent in 2.1.1: Europe/Brussels taken from country BEL',
    });
  });

  it('refuses a location without time zone in a country with several, naming time_zone', () => {
    // Prepare
    const location = {
      ...location211(),
      country: 'USA',
      coordinates: { latitude: '40.712800', longitude: '-74.006000' },
    };

    // Act
    const error = refusal(() => locationTo221(location as never, CPO));

    // Assess
    expect(error.fieldPath).toBe('time_zone');
    expect(error.statusCode).toBe(2001);
    expect(error.message).toContain('time_zone');
  });

  it('refuses a 37-character id, which 2.1.1 allows and 2.2.1 does not', () => {
    // Prepare
    const location = { ...location211(), id: 'L'.repeat(37) };

    // Act
    const error = refusal(() => locationTo221(location as never, CPO));

    // Assess
    expect(error.fieldPath).toBe('id');
    expect(error.targetVersion).toBe('2.2.1');
  });

  it('maps OTHER and UNKNOWN location types to an absent parking type', () => {
    for (const type of ['OTHER', 'UNKNOWN']) {
      // Act
      const location = locationTo221({ ...location211(), type } as never, CPO);

      // Assess
      expect(location.parking_type).toBeUndefined();
    }
  });

  it('turns DateTimes with an offset into UTC and keeps UTC ones as sent', () => {
    // Prepare
    const location = { ...location211(), last_updated: '2015-06-29T22:39:09+02:00' };

    // Act
    const translated = locationTo221(location as never, CPO);

    // Assess
    expect(translated.last_updated).toBe('2015-06-29T20:39:09Z');
    expect(translated.evses?.[0]?.last_updated).toBe('2015-06-28T08:12:01Z');
  });

  it('reads regular hours without twentyfourseven as not open around the clock', () => {
    // Prepare
    const location = {
      ...location211(),
      opening_times: { regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }] },
    };

    // Act
    const translated = locationTo221(location as never, CPO);

    // Assess
    expect(translated.opening_times).toEqual({
      twentyfourseven: false,
      regular_hours: [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }],
    });
  });

  it('renames EnvironmentalImpact.source to category', () => {
    // Prepare
    const energy_mix = {
      is_green_energy: false,
      environ_impact: [{ source: 'CARBON_DIOXIDE', amount: 372 }],
    };

    // Act
    const translated = locationTo221({ ...location211(), energy_mix } as never, CPO);

    // Assess
    expect(translated.energy_mix?.environ_impact).toEqual([{ category: 'CARBON_DIOXIDE', amount: 372 }]);
  });
});

describe('Location PATCH 2.1.1 -> 2.2.1', () => {
  it('gives the official PATCH examples the received time as last_updated', () => {
    // Act
    const evse = evsePatchTo221(example('mod_locations_example_01.json') as never, RECEIVED_AT);
    const location = locationPatchTo221(example('mod_locations_example_02.json') as never, RECEIVED_AT);
    const connector = connectorPatchTo221(example('mod_locations_example_03.json') as never, RECEIVED_AT);

    // Assess
    expect(evse).toEqual({ status: 'CHARGING', last_updated: RECEIVED_AT });
    expect(location).toEqual({ name: 'Interparking Gent Zuid', last_updated: RECEIVED_AT });
    expect(connector).toEqual({ tariff_ids: ['15'], last_updated: RECEIVED_AT });
  });

  it('keeps the last_updated a PATCH carries', () => {
    // Act
    const evse = evsePatchTo221({ status: 'REMOVED', last_updated: '2015-06-29T20:39:09Z' }, RECEIVED_AT);

    // Assess
    expect(evse.last_updated).toBe('2015-06-29T20:39:09Z');
  });
});

describe('Location 2.2.1 -> 2.1.1', () => {
  it('gives the official 2.2.1 location a valid 2.1.1 form', () => {
    // Act
    const location = locationTo211(storedLocation());

    // Assess
    expect(Location211Schema.safeParse(location).success).toBe(true);
    expect(location).toMatchObject({ id: 'LOC1', type: 'ON_STREET', postal_code: '9000' });
    expect(location).not.toHaveProperty('country_code');
    expect(location).not.toHaveProperty('publish');
    expect(location.evses?.[0]?.connectors[1]).toMatchObject({ voltage: 220, amperage: 16, tariff_id: '13' });
  });

  it('refuses an unpublished location, naming publish', () => {
    // Act
    const error = refusal(() => locationTo211({ ...storedLocation(), publish: false }));

    // Assess
    expect(error.fieldPath).toBe('publish');
    expect(error.targetVersion).toBe('2.1.1');
  });

  it('sends a motorway or driveway location as type OTHER and no parking type as UNKNOWN', () => {
    // Prepare
    const losses: LossLog = [];
    const { parking_type: _parkingType, ...untyped } = storedLocation();

    // Act
    const motorway = locationTo211({ ...storedLocation(), parking_type: 'ALONG_MOTORWAY' }, losses);
    const unknown = locationTo211(untyped as Location);

    // Assess
    expect(motorway.type).toBe('OTHER');
    expect(unknown.type).toBe('UNKNOWN');
    expect(losses).toEqual([{ field: 'parking_type', note: 'ALONG_MOTORWAY sent as type OTHER' }]);
  });

  it('writes coordinates with exactly six decimals', () => {
    // Prepare
    const location = { ...storedLocation(), coordinates: { latitude: '51.04759', longitude: '-3.7299445' } };

    // Act
    const translated = locationTo211(location);

    // Assess
    expect(translated.coordinates).toEqual({ latitude: '51.047590', longitude: '-3.729945' });
  });

  it('sends the first tariff id and two-phase supply as one phase, noting both', () => {
    // Prepare
    const location = storedLocation();
    const connector = location.evses![0]!.connectors[0]!;
    connector.tariff_ids = ['11', '12'];
    connector.power_type = 'AC_2_PHASE_SPLIT';
    connector.max_electric_power = 7400;
    const losses: LossLog = [];

    // Act
    const translated = locationTo211(location, losses);

    // Assess
    expect(translated.evses?.[0]?.connectors[0]).toMatchObject({ tariff_id: '11', power_type: 'AC_1_PHASE' });
    expect(losses.map((loss) => loss.field)).toEqual([
      'evses[0].connectors[0].max_electric_power',
      'evses[0].connectors[0].tariff_ids',
      'evses[0].connectors[0].power_type',
    ]);
  });

  it('leaves out a connector whose standard 2.1.1 lacks, and refuses an EVSE left without any', () => {
    // Prepare
    const location = storedLocation();
    location.evses![0]!.connectors[0]!.standard = 'GBT_DC';
    const onlyGbt = storedLocation();
    for (const connector of onlyGbt.evses![1]!.connectors) connector.standard = 'NEMA_5_20';

    // Act
    const translated = locationTo211(location);
    const error = refusal(() => locationTo211(onlyGbt));

    // Assess
    expect(translated.evses?.[0]?.connectors.map((c) => c.id)).toEqual(['2']);
    expect(error.fieldPath).toBe('evses[1].connectors');
  });

  it('drops state, 2.2.1-only facilities and capabilities, and cuts a long address to 45 characters', () => {
    // Prepare
    const location: Location = {
      ...storedLocation(),
      state: 'Oost-Vlaanderen',
      address: 'A'.repeat(60),
      facilities: ['METRO_STATION', 'CAFE'],
    };
    location.evses![0]!.capabilities = ['RESERVABLE', 'PED_TERMINAL'];
    const losses: LossLog = [];

    // Act
    const translated = locationTo211(location, losses);

    // Assess
    expect(translated).not.toHaveProperty('state');
    expect(translated.address).toHaveLength(45);
    expect(translated.facilities).toEqual(['CAFE']);
    expect(translated.evses?.[0]?.capabilities).toEqual(['RESERVABLE']);
    expect(losses.map((loss) => loss.field).sort()).toEqual([
      'address',
      'evses[0].capabilities',
      'facilities',
      'state',
    ]);
  });

  it('sends twentyfourseven alone when open around the clock, and regular hours alone otherwise', () => {
    // Prepare
    const regular = [{ weekday: 1, period_begin: '08:00', period_end: '20:00' }];

    // Act
    const always = locationTo211({
      ...storedLocation(),
      opening_times: { twentyfourseven: true, regular_hours: regular },
    });
    const daytime = locationTo211({
      ...storedLocation(),
      opening_times: { twentyfourseven: false, regular_hours: regular },
    });

    // Assess
    expect(always.opening_times).toEqual({ twentyfourseven: true });
    expect(daytime.opening_times).toEqual({ regular_hours: regular });
  });
});

describe('Location PATCH 2.2.1 -> 2.1.1', () => {
  it('translates the official 2.2.1 PATCH examples', () => {
    // Act
    const status = evsePatchTo211(example('location_patch_example_status.json', '2.2.1') as never);
    const location = locationPatchTo211(example('location_patch_example_location.json', '2.2.1') as never);

    // Assess
    expect(status).toEqual({ status: 'CHARGING', last_updated: '2019-06-24T12:39:09Z' });
    expect(location).toMatchObject({ last_updated: expect.any(String) });
  });

  it('renames parking_type to type in a PATCH and refuses one that unpublishes the location', () => {
    // Act
    const typed = locationPatchTo211({ parking_type: 'PARKING_LOT', last_updated: RECEIVED_AT });
    const error = refusal(() => locationPatchTo211({ publish: false, last_updated: RECEIVED_AT }));

    // Assess
    expect(typed).toEqual({ type: 'PARKING_LOT', last_updated: RECEIVED_AT });
    expect(error.fieldPath).toBe('publish');
  });
});
