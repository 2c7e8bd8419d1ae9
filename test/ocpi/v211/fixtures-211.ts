import type { Location } from '../../../functions/ocpi/schemas/location';
import type { Party } from '../../../functions/ocpi/v211/translate';
import { type ExampleVersion, loadExample } from '../schemas/load-example';

// biome-ignore lint/suspicious/noExplicitAny: example payloads are edited freely by the tests
export type Obj = Record<string, any>;

export const CPO: Party = { country_code: 'BE', party_id: 'BEC' };
export const EMSP: Party = { country_code: 'DE', party_id: '8AC' };

export const RECEIVED_AT = '2024-05-01T12:00:00Z';

export function example(name: string, version: ExampleVersion = '2.1.1'): Obj {
  return loadExample<Obj>(name, version);
}

/** The official 2.2.1 location example, the one the 2.1.1 session and CDR examples were charged at. */
export function storedLocation(): Location {
  return loadExample<Location>('location_example.json', '2.2.1');
}

/** A location lookup over the given stored locations (owner and id, case-insensitive as CiStrings). */
export function locationLookup(...locations: Location[]) {
  return async (owner: Party, id: string) =>
    locations.find(
      (location) =>
        location.country_code.toUpperCase() === owner.country_code.toUpperCase() &&
        location.party_id.toUpperCase() === owner.party_id.toUpperCase() &&
        location.id.toUpperCase() === id.toUpperCase(),
    );
}
