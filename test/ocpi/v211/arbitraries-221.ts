import fc from 'fast-check';
import { CONNECTOR_TYPES, POWER_TYPES } from '../../../functions/ocpi/schemas/connector';
import { CAPABILITIES, EVSE_STATUSES, PARKING_RESTRICTIONS } from '../../../functions/ocpi/schemas/evse';
import { FACILITIES, PARKING_TYPES } from '../../../functions/ocpi/schemas/location';
import { CONNECTOR_TYPES_211, POWER_TYPES_211 } from '../../../functions/ocpi/v211/schemas/connector';
import { CAPABILITIES_211 } from '../../../functions/ocpi/v211/schemas/evse';
import { FACILITIES_211 } from '../../../functions/ocpi/v211/schemas/location';
import type { Party } from '../../../functions/ocpi/v211/translate';
import type { Obj } from './fixtures-211';

/**
 * fast-check generators of valid 2.2.1 objects. `shared` ones use only fields and values that exist in
 * 2.1.1 as well, so a 2.2.1 -> 2.1.1 -> 2.2.1 round trip must give them back exactly; `broad` ones use
 * every 2.2.1 value, for the properties that hold whatever the content.
 */
export type Breadth = 'shared' | 'broad';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;

export const code = (min: number, max: number, chars = ALNUM) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
export const text = (maxLength: number) => fc.string({ unit: 'grapheme-ascii', maxLength });
const url = fc.constantFrom('https://example.com/a', 'https://example.org/terms?x=1');
const some = <T>(values: readonly T[]) => fc.constantFrom(...values);
const listOf = <T>(item: fc.Arbitrary<T>, maxLength = 2) => fc.array(item, { maxLength });
const nonEmpty = <T>(item: fc.Arbitrary<T>, maxLength = 3) => fc.array(item, { minLength: 1, maxLength });
const subsetOf = <T>(values: readonly T[]) => fc.subarray([...values]);
function uniqueById<T>(item: fc.Arbitrary<T>, id: (value: T) => string, minLength: number) {
  return fc.uniqueArray(item, { selector: (value) => id(value).toUpperCase(), minLength, maxLength: 3 });
}

/** Money and volumes: any finite double, -0 and tiny fractions included; the hub must copy them bit for bit. */
export const amount = fc.double({ noNaN: true, noDefaultInfinity: true });

export const dateTime = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().replace('.000Z', 'Z'));

function degrees(maxWhole: number) {
  return fc
    .tuple(fc.boolean(), fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 999_999 }))
    .map(
      ([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}.${String(fraction).padStart(6, '0')}`,
    );
}
const geoLocation = fc.record({ latitude: degrees(89), longitude: degrees(179) });
const displayText = fc.record({ language: code(2, 2, 'abcdefghijklmnopqrstuvwxyz'), text: text(40) });
const image = fc.record(
  {
    url,
    category: some(['CHARGER', 'OWNER', 'OTHER'] as const),
    type: some(['jpeg', 'png']),
    width: fc.nat(99_999),
  },
  { requiredKeys: ['url', 'category', 'type'] },
);
const businessDetails = fc.record({ name: text(100), website: url, logo: image }, { requiredKeys: ['name'] });

export const energyMix = fc.record(
  {
    is_green_energy: fc.boolean(),
    energy_sources: listOf(
      fc.record({ source: some(['SOLAR', 'WIND', 'COAL'] as const), percentage: amount }),
    ),
    environ_impact: listOf(
      fc.record({ category: some(['CARBON_DIOXIDE', 'NUCLEAR_WASTE'] as const), amount }),
    ),
    supplier_name: text(64),
    energy_product_name: text(64),
  },
  { requiredKeys: ['is_green_energy'] },
);

const exceptional = listOf(fc.record({ period_begin: dateTime, period_end: dateTime }));
const hours = fc.oneof(
  fc.record(
    {
      twentyfourseven: fc.constant(true),
      exceptional_openings: exceptional,
      exceptional_closings: exceptional,
    },
    { requiredKeys: ['twentyfourseven'] },
  ),
  fc.record(
    {
      twentyfourseven: fc.constant(false),
      regular_hours: nonEmpty(
        fc.record({
          weekday: fc.integer({ min: 1, max: 7 }),
          period_begin: some(['00:00', '08:30']),
          period_end: some(['12:00', '23:59']),
        }),
      ),
      exceptional_closings: exceptional,
    },
    { requiredKeys: ['twentyfourseven', 'regular_hours'] },
  ),
);

export function connector(breadth: Breadth) {
  return fc.record(
    {
      id: code(1, 36),
      standard: some(breadth === 'shared' ? CONNECTOR_TYPES_211 : CONNECTOR_TYPES),
      format: some(['SOCKET', 'CABLE'] as const),
      power_type: some(breadth === 'shared' ? POWER_TYPES_211 : POWER_TYPES),
      max_voltage: fc.integer({ min: 0, max: 1500 }),
      max_amperage: fc.integer({ min: 0, max: 1000 }),
      tariff_ids: breadth === 'shared' ? fc.tuple(code(1, 36)) : listOf(code(1, 36), 3),
      terms_and_conditions: url,
      last_updated: dateTime,
      ...(breadth === 'broad' ? { max_electric_power: fc.nat(400_000) } : {}),
    },
    {
      requiredKeys: ['id', 'standard', 'format', 'power_type', 'max_voltage', 'max_amperage', 'last_updated'],
    },
  );
}

export function evse(breadth: Breadth) {
  return fc.record(
    {
      uid: code(1, 36),
      evse_id: code(1, 48),
      status: some(EVSE_STATUSES),
      status_schedule: listOf(fc.record({ period_begin: dateTime, status: some(EVSE_STATUSES) })),
      capabilities: subsetOf(breadth === 'shared' ? CAPABILITIES_211 : CAPABILITIES),
      // Connector ids are unique within their EVSE, EVSE uids within their location (locations module).
      connectors: uniqueById(connector(breadth), (c) => c.id, 1),
      floor_level: text(4),
      coordinates: geoLocation,
      physical_reference: text(16),
      directions: listOf(displayText),
      parking_restrictions: subsetOf(PARKING_RESTRICTIONS),
      images: listOf(image),
      last_updated: dateTime,
    },
    { requiredKeys: ['uid', 'status', 'connectors', 'last_updated'] },
  );
}

export function location(
  owner: Party,
  breadth: Breadth,
  evses = listOf(evse(breadth), 3),
  withEvses = false,
) {
  const shared = breadth === 'shared';
  return fc.record(
    {
      country_code: fc.constant(owner.country_code),
      party_id: fc.constant(owner.party_id),
      id: code(1, 36),
      publish: shared ? fc.constant(true) : fc.boolean(),
      name: text(255),
      address: text(shared ? 45 : 255),
      city: text(45),
      postal_code: code(1, 10),
      country: code(3, 3, LETTERS),
      coordinates: geoLocation,
      related_locations: listOf(
        fc.record({ latitude: degrees(89), longitude: degrees(179), name: displayText }),
      ),
      parking_type: some(
        shared
          ? (['ON_STREET', 'PARKING_GARAGE', 'UNDERGROUND_GARAGE', 'PARKING_LOT'] as const)
          : PARKING_TYPES,
      ),
      evses,
      directions: listOf(displayText),
      operator: businessDetails,
      suboperator: businessDetails,
      owner: businessDetails,
      facilities: subsetOf(shared ? FACILITIES_211 : FACILITIES),
      time_zone: some(['Europe/Amsterdam', 'America/New_York']),
      opening_times: hours,
      charging_when_closed: fc.boolean(),
      images: listOf(image),
      energy_mix: energyMix,
      last_updated: dateTime,
      ...(shared ? {} : { state: text(45) }),
    },
    {
      requiredKeys: [
        'country_code',
        'party_id',
        'id',
        'publish',
        'address',
        'city',
        'country',
        'coordinates',
        'time_zone',
        'last_updated',
        ...(withEvses ? (['evses'] as const) : []),
      ],
    },
  ) as fc.Arbitrary<Obj>;
}
