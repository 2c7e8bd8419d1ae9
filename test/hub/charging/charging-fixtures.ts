/** OCPI 2.2.1 objects for the charging tests, built for given parties (shapes from the spec examples). */

type Party = { country_code: string; party_id: string };
type Obj = Record<string, unknown>;

export function tokenOf(emsp: Party, uid: string, overrides: Obj = {}): Obj {
  return {
    country_code: emsp.country_code,
    party_id: emsp.party_id,
    uid,
    type: 'RFID',
    contract_id: `C-${uid}`,
    issuer: 'Sim eMSP',
    valid: true,
    whitelist: 'ALLOWED',
    last_updated: '2024-01-10T10:00:00Z',
    ...overrides,
  };
}

export function cdrTokenOf(emsp: Party, uid: string): Obj {
  return {
    country_code: emsp.country_code,
    party_id: emsp.party_id,
    uid,
    type: 'RFID',
    contract_id: `C-${uid}`,
  };
}

export function sessionOf(cpo: Party, emsp: Party, id: string, overrides: Obj = {}): Obj {
  return {
    country_code: cpo.country_code,
    party_id: cpo.party_id,
    id,
    start_date_time: '2024-01-10T10:00:00Z',
    kwh: 0,
    cdr_token: cdrTokenOf(emsp, 'TOKEN1'),
    auth_method: 'COMMAND',
    location_id: 'LOC1',
    evse_uid: 'EVSE1',
    connector_id: '1',
    currency: 'EUR',
    status: 'ACTIVE',
    charging_periods: [periodAt('2024-01-10T10:00:00Z', 1.5)],
    last_updated: '2024-01-10T10:00:00Z',
    ...overrides,
  };
}

export function periodAt(start: string, kwh: number): Obj {
  return { start_date_time: start, dimensions: [{ type: 'ENERGY', volume: kwh }] };
}

export function cdrOf(cpo: Party, emsp: Party, id: string, overrides: Obj = {}): Obj {
  return {
    country_code: cpo.country_code,
    party_id: cpo.party_id,
    id,
    start_date_time: '2024-01-10T10:00:00Z',
    end_date_time: '2024-01-10T11:00:00Z',
    session_id: 'S1',
    cdr_token: cdrTokenOf(emsp, 'TOKEN1'),
    auth_method: 'COMMAND',
    cdr_location: {
      id: 'LOC1',
      address: 'F.Rooseveltlaan 3A',
      city: 'Gent',
      country: 'BEL',
      coordinates: { latitude: '51.047599', longitude: '3.729944' },
      evse_uid: 'EVSE1',
      evse_id: 'BE*BEC*E041503003',
      connector_id: '1',
      connector_standard: 'IEC_62196_T2',
      connector_format: 'SOCKET',
      connector_power_type: 'AC_1_PHASE',
    },
    currency: 'EUR',
    charging_periods: [periodAt('2024-01-10T10:00:00Z', 15.342)],
    total_cost: { excl_vat: 4, incl_vat: 4.4 },
    total_energy: 15.342,
    total_time: 1,
    last_updated: '2024-01-10T11:05:00Z',
    ...overrides,
  };
}
