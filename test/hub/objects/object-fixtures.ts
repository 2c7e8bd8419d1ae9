import { loadExample } from '../../ocpi/schemas/load-example';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely by the tests
type Obj = Record<string, any>;
export type Owner = { country_code: string; party_id: string };

/** OCPI DateTime for `2024-01-01T00:00:00Z` plus `minutes`. */
export function at(minutes: number): string {
  return new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/** The official location example re-owned and re-dated; every nested last_updated is at or before it. */
export function locationOf(owner: Owner, id: string, lastUpdated = at(0)): Obj {
  const location = loadExample<Obj>('location_example.json');
  location.country_code = owner.country_code;
  location.party_id = owner.party_id;
  location.id = id;
  location.last_updated = lastUpdated;
  for (const evse of location.evses) {
    evse.last_updated = lastUpdated;
    for (const connector of evse.connectors) connector.last_updated = lastUpdated;
  }
  return location;
}

export function tokenOf(owner: Owner, uid: string, lastUpdated = at(0), type = 'RFID'): Obj {
  return {
    ...loadExample<Obj>('token_example_2_full_rfid.json'),
    ...owner,
    uid,
    type,
    last_updated: lastUpdated,
  };
}

export function tariffOf(owner: Owner, id: string, lastUpdated = at(0)): Obj {
  return { ...loadExample<Obj>('tariff_1_simple_2hour.json'), ...owner, id, last_updated: lastUpdated };
}
