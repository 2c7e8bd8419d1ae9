import { describe, expect, it } from 'vitest';
import { coordinatesLookSwapped, plausibilityWarnings } from '../../../functions/ocpi/schemas';
import { loadExample } from './load-example';

type Json = Record<string, unknown>;

function locationAt(country: string, latitude: string, longitude: string): Json {
  return { ...loadExample('location_example.json'), country, coordinates: { latitude, longitude } };
}

describe('swapped coordinates', () => {
  it.each([
    ['BEL', '51.047599', '3.729944'],
    ['NLD', '52.370216', '4.895168'],
    ['DEU', '52.520008', '13.404954'],
    ['FRA', '48.856613', '2.352222'],
  ])('warns when a %s location has latitude and longitude swapped', (country, latitude, longitude) => {
    // Act
    const warnings = plausibilityWarnings('location', locationAt(country, longitude, latitude));

    // Assess
    expect(warnings).toEqual([
      `coordinates: latitude ${longitude} and longitude ${latitude} look swapped for country ${country}`,
    ]);
  });

  it.each([
    ['BEL', '51.047599', '3.729944'],
    ['FRA', '43.296482', '5.369780'],
    ['USA', '3.729944', '51.047599'],
    ['FRA', '-21.115141', '55.536384'],
  ])('stays silent for %s at %s, %s', (country, latitude, longitude) => {
    // Act + Assess
    expect(plausibilityWarnings('location', locationAt(country, latitude, longitude))).toEqual([]);
  });

  it('checks the coordinates of each EVSE against the location country', () => {
    // Prepare
    const location = loadExample<Json & { evses: Json[] }>('location_example.json');
    location.evses[1]!.coordinates = { latitude: '3.729944', longitude: '51.047599' };

    // Act + Assess
    expect(plausibilityWarnings('location', location)).toEqual([
      'evses[1].coordinates: latitude 3.729944 and longitude 51.047599 look swapped for country BEL',
    ]);
  });

  it('ignores the case of the country code', () => {
    // Act + Assess
    expect(coordinatesLookSwapped('nld', 4.895168, 52.370216)).toBe(true);
  });
});

describe('ENERGY volumes in Wh instead of kWh', () => {
  const period = (volume: number) => ({
    start_date_time: '2019-06-23T08:16:02Z',
    dimensions: [
      { type: 'ENERGY', volume },
      { type: 'TIME', volume: 5000 },
    ],
  });

  it('stays silent when ENERGY volumes add up to kwh', () => {
    // Prepare
    const session = {
      kwh: 41.12,
      charging_periods: [period(0.12), period(41)],
      last_updated: '2019-06-23T08:16:02Z',
    };

    // Act + Assess
    expect(plausibilityWarnings('session', session)).toEqual([]);
  });

  it('warns about a PATCH without kwh whose ENERGY volumes exceed 1000 kWh', () => {
    // Prepare
    const patch = { charging_periods: [period(2200)], last_updated: '2019-06-23T08:16:02Z' };

    // Act + Assess
    expect(plausibilityWarnings('session', patch)).toEqual([
      'charging_periods: ENERGY volumes sum to 2200; they look like Wh instead of kWh',
    ]);
  });

  it('compares a CDR with its total_energy', () => {
    // Prepare
    const cdr = loadExample<Json>('cdr_example.json');
    cdr.cdr_location = {
      ...(cdr.cdr_location as Json),
      coordinates: { latitude: '51.047599', longitude: '3.729944' },
    };
    cdr.charging_periods = [period(15342)];

    // Act + Assess
    expect(plausibilityWarnings('cdr', cdr)).toEqual([
      'charging_periods: ENERGY volumes sum to 15342 but total_energy is 15.342; they look like Wh instead of kWh',
    ]);
  });
});

describe('other plausibility checks', () => {
  it('notes a cdr_token without its owner fields', () => {
    // Prepare
    const session = loadExample<Json & { cdr_token: Json }>('session_example_1_simple_start.json');
    delete session.cdr_token.country_code;

    // Act + Assess
    expect(plausibilityWarnings('session', session)).toEqual([
      'cdr_token: country_code/party_id of the token owner are missing (pre-2.2.1-d2 partner)',
    ]);
  });

  it.each([null, 'text', 42, []])('returns no warnings for the non-object %j', (value) => {
    // Act + Assess
    expect(plausibilityWarnings('cdr', value)).toEqual([]);
  });
});
