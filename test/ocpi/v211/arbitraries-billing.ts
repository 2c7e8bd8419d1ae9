import fc from 'fast-check';
import { TARIFF_DIMENSION_TYPES } from '../../../functions/ocpi/schemas/tariff';
import { DAYS_OF_WEEK } from '../../../functions/ocpi/schemas/tariff-restrictions';
import type { Party } from '../../../functions/ocpi/v211/translate';
import { amount, type Breadth, code, dateTime, energyMix, evse, location, text } from './arbitraries-221';
import type { Obj } from './fixtures-211';

const some = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** A price, with or without the VAT-inclusive amount 2.1.1 cannot carry. */
export function price(breadth: Breadth) {
  return breadth === 'shared'
    ? fc.record({ excl_vat: amount })
    : fc.record({ excl_vat: amount, incl_vat: amount }, { requiredKeys: ['excl_vat'] });
}

export function tariff(owner: Party, breadth: Breadth) {
  const restrictions = fc.record(
    {
      start_time: some(['08:00', '18:30']),
      end_time: some(['12:00', '23:00']),
      start_date: some(['2024-01-01']),
      end_date: some(['2030-12-31']),
      min_kwh: amount,
      max_kwh: amount,
      min_power: amount,
      max_power: amount,
      min_duration: fc.nat(),
      max_duration: fc.nat(),
      day_of_week: fc.subarray([...DAYS_OF_WEEK]),
    },
    { requiredKeys: [] },
  );
  const component = fc.record({
    type: some(TARIFF_DIMENSION_TYPES),
    price: amount,
    step_size: fc.nat(),
    ...(breadth === 'shared' ? {} : { vat: amount }),
  });
  const element = fc.record(
    { price_components: fc.array(component, { minLength: 1, maxLength: 3 }), restrictions },
    { requiredKeys: ['price_components'] },
  );
  return fc.record(
    {
      country_code: fc.constant(owner.country_code),
      party_id: fc.constant(owner.party_id),
      id: code(1, 36),
      currency: some(['EUR', 'CHF']),
      tariff_alt_text: fc.array(fc.record({ language: some(['en', 'nl']), text: text(40) }), {
        maxLength: 2,
      }),
      tariff_alt_url: some(['https://example.com/tariffs/1']),
      elements: fc.array(element, { minLength: 1, maxLength: 3 }),
      energy_mix: energyMix,
      last_updated: dateTime,
      ...(breadth === 'broad' ? { min_price: price('broad'), type: some(['REGULAR'] as const) } : {}),
    },
    { requiredKeys: ['country_code', 'party_id', 'id', 'currency', 'elements', 'last_updated'] },
  ) as fc.Arbitrary<Obj>;
}

export function cdrToken(owner: Party) {
  return fc.record({
    country_code: fc.constant(owner.country_code),
    party_id: fc.constant(owner.party_id),
    uid: code(1, 36),
    type: some(['RFID', 'OTHER'] as const),
    contract_id: code(1, 36),
  });
}

export function token(owner: Party) {
  return fc.record(
    {
      country_code: fc.constant(owner.country_code),
      party_id: fc.constant(owner.party_id),
      uid: code(1, 36),
      type: some(['RFID', 'OTHER'] as const),
      contract_id: code(1, 36),
      visual_number: text(64),
      issuer: text(64),
      valid: fc.boolean(),
      whitelist: some(['ALWAYS', 'ALLOWED', 'ALLOWED_OFFLINE', 'NEVER'] as const),
      language: some(['en', 'de']),
      last_updated: dateTime,
    },
    {
      requiredKeys: [
        'country_code',
        'party_id',
        'uid',
        'type',
        'contract_id',
        'issuer',
        'valid',
        'whitelist',
        'last_updated',
      ],
    },
  );
}

const dimension = fc.record({
  type: some(['ENERGY', 'MAX_CURRENT', 'MIN_CURRENT', 'PARKING_TIME', 'TIME'] as const),
  volume: amount,
});
const chargingPeriod = fc.record({
  start_date_time: dateTime,
  dimensions: fc.array(dimension, { minLength: 1, maxLength: 3 }),
});

/** A stored location with at least one EVSE, and the EVSE and connector a charge used. */
export function chargedLocation(cpo: Party) {
  const evses = fc.uniqueArray(evse('shared'), {
    selector: (e) => e.uid.toUpperCase(),
    minLength: 1,
    maxLength: 2,
  });
  return location(cpo, 'shared', evses, true).chain((stored) =>
    fc
      .record({ evseIndex: fc.nat(stored.evses.length - 1), connectorIndex: fc.nat(5) })
      .map(({ evseIndex, connectorIndex }) => {
        const used = stored.evses[evseIndex];
        const plug = used.connectors[connectorIndex % used.connectors.length];
        return { stored, used, plug };
      }),
  );
}

export function session(cpo: Party, emsp: Party, breadth: Breadth) {
  return fc.tuple(chargedLocation(cpo), cdrToken(emsp)).chain(([{ stored, used, plug }, cdr_token]) =>
    fc
      .record(
        {
          country_code: fc.constant(cpo.country_code),
          party_id: fc.constant(cpo.party_id),
          id: code(1, 36),
          start_date_time: dateTime,
          end_date_time: dateTime,
          kwh: amount,
          cdr_token: fc.constant(cdr_token),
          auth_method: some(['AUTH_REQUEST', 'WHITELIST'] as const),
          location_id: fc.constant(stored.id),
          evse_uid: fc.constant(used.uid),
          connector_id: fc.constant(plug.id),
          meter_id: text(255),
          currency: some(['EUR']),
          charging_periods: fc.array(chargingPeriod, { maxLength: 3 }),
          total_cost: price(breadth),
          status: some(['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING'] as const),
          last_updated: dateTime,
        },
        {
          requiredKeys: [
            'country_code',
            'party_id',
            'id',
            'start_date_time',
            'kwh',
            'cdr_token',
            'auth_method',
            'location_id',
            'evse_uid',
            'connector_id',
            'currency',
            'status',
            'last_updated',
          ],
        },
      )
      .map((charge) => ({ session: charge as Obj, stored })),
  );
}

export function cdr(cpo: Party, emsp: Party, breadth: Breadth) {
  return fc
    .tuple(chargedLocation(cpo), cdrToken(emsp), tariff(cpo, 'shared'))
    .chain(([{ stored, used, plug }, cdr_token, tariffShown]) => {
      const cdr_location = {
        id: stored.id,
        ...(stored.name === undefined ? {} : { name: stored.name }),
        address: stored.address,
        city: stored.city,
        ...(stored.postal_code === undefined ? {} : { postal_code: stored.postal_code }),
        country: stored.country,
        coordinates: stored.coordinates,
        evse_uid: used.uid,
        evse_id: used.evse_id ?? 'NL*HUB*E1',
        connector_id: plug.id,
        connector_standard: plug.standard,
        connector_format: plug.format,
        connector_power_type: plug.power_type,
      };
      const snapshot = {
        ...stored,
        evses: stored.evses.map((e: Obj) => (e === used ? { ...e, evse_id: cdr_location.evse_id } : e)),
      };
      return fc
        .record(
          {
            country_code: fc.constant(cpo.country_code),
            party_id: fc.constant(cpo.party_id),
            id: code(1, 36),
            start_date_time: dateTime,
            end_date_time: dateTime,
            cdr_token: fc.constant(cdr_token),
            auth_method: some(['AUTH_REQUEST', 'WHITELIST'] as const),
            cdr_location: fc.constant(cdr_location),
            meter_id: text(255),
            currency: some(['EUR']),
            tariffs: fc.constant([tariffShown]),
            charging_periods: fc.array(chargingPeriod, { minLength: 1, maxLength: 3 }),
            total_cost: price(breadth),
            total_energy: amount,
            total_time: amount,
            total_parking_time: amount,
            remark: text(255),
            last_updated: dateTime,
            ...(breadth === 'broad' ? { total_energy_cost: price('broad'), session_id: code(1, 36) } : {}),
          },
          {
            requiredKeys: [
              'country_code',
              'party_id',
              'id',
              'start_date_time',
              'end_date_time',
              'cdr_token',
              'auth_method',
              'cdr_location',
              'currency',
              'charging_periods',
              'total_cost',
              'total_energy',
              'total_time',
              'last_updated',
            ],
          },
        )
        .map((charge) => ({ cdr: charge as Obj, stored: snapshot }));
    });
}
