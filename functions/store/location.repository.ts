import { partyKey } from '../ocpi/party';
import type { Location } from '../ocpi/schemas/location';
import { StoredObjectRepository } from './stored-object.repository';
import type { TenantTable } from './tenant-table';

/** Locations with their EVSEs and Connectors nested: one document, so the last_updated cascade is one write. */
export class LocationRepository extends StoredObjectRepository<Location> {
  constructor(table: TenantTable) {
    super(table, 'locations');
  }
}

/** Location ids are unique per CPO (locations §8.3.1); CiStrings compare case-insensitively. */
export const locationKey = (owner: { country_code: string; party_id: string }, id: string) =>
  `${partyKey(owner)}*${id.toUpperCase()}`;
