import { loadExample } from '../ocpi/schemas/load-example';

/** OCPI 2.1.1 and 2.2.1 objects of the mixed-version tests (test/http/v211-*.test.ts). */

type Obj = Record<string, unknown>;
type Party = { country_code: string; party_id: string };

/** The official 2.2.1 location example, owned by `cpo`, with its first EVSE and connector as ids. */
export function location221(cpo: Party, id: string): Obj {
  const location = loadExample<Obj>('location_example.json', '2.2.1');
  return { ...location, ...cpo, id };
}

/** A 2.1.1 Location (OCPI 2.1.1 locations §11.3.1): no owner fields, `type` instead of parking_type. */
export function location211(id: string): Obj {
  return {
    id,
    type: 'ON_STREET',
    name: 'Gent Zuid',
    address: 'F.Rooseveltlaan 3A',
    city: 'Gent',
    postal_code: '9000',
    country: 'BEL',
    coordinates: { latitude: '51.047599', longitude: '3.729944' },
    evses: [
      {
        uid: 'EVSE1',
        evse_id: 'BE*BEC*E041503001',
        status: 'AVAILABLE',
        connectors: [
          {
            id: '1',
            standard: 'IEC_62196_T2',
            format: 'CABLE',
            power_type: 'AC_3_PHASE',
            voltage: 220,
            amperage: 16,
            tariff_id: 'T1',
            last_updated: '2024-01-10T09:00:00Z',
          },
        ],
        last_updated: '2024-01-10T09:00:00Z',
      },
    ],
    last_updated: '2024-01-10T09:00:00Z',
  };
}

export const tariff211 = (id: string): Obj => ({
  id,
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, step_size: 1 }] }],
  last_updated: '2024-01-10T09:00:00Z',
});

export const token211 = (uid: string): Obj => ({
  uid,
  type: 'RFID',
  auth_id: `C-${uid}`,
  issuer: 'Sim 2.1.1 eMSP',
  valid: true,
  whitelist: 'ALLOWED',
  last_updated: '2024-01-10T09:00:00Z',
});

/** A 2.1.1 Session (OCPI 2.1.1 sessions §9.3.1): `start_datetime`, `auth_id`, the Location embedded. */
export const session211 = (id: string, authId: string, locationId: string): Obj => ({
  id,
  start_datetime: '2024-01-10T10:00:00Z',
  kwh: 1.5,
  auth_id: authId,
  auth_method: 'AUTH_REQUEST',
  location: location211(locationId),
  currency: 'EUR',
  status: 'ACTIVE',
  charging_periods: [
    { start_date_time: '2024-01-10T10:00:00Z', dimensions: [{ type: 'ENERGY', volume: 1.5 }] },
  ],
  total_cost: 0.38,
  last_updated: '2024-01-10T10:05:00Z',
});

/** A 2.1.1 CDR (OCPI 2.1.1 cdrs §10.3.1): `stop_date_time`, `auth_id`, the Location embedded. */
export const cdr211 = (id: string, authId: string, locationId: string): Obj => ({
  id,
  start_date_time: '2024-01-10T10:00:00Z',
  stop_date_time: '2024-01-10T11:00:00Z',
  auth_id: authId,
  auth_method: 'AUTH_REQUEST',
  location: location211(locationId),
  currency: 'EUR',
  charging_periods: [
    { start_date_time: '2024-01-10T10:00:00Z', dimensions: [{ type: 'ENERGY', volume: 15.342 }] },
  ],
  total_cost: 4.0,
  total_energy: 15.342,
  total_time: 1,
  last_updated: '2024-01-10T11:05:00Z',
});
