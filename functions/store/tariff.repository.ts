import { partyKey } from '../ocpi/party';
import type { Tariff } from '../ocpi/schemas/tariff';
import { StoredObjectRepository } from './stored-object.repository';
import type { TenantTable } from './tenant-table';

export class TariffRepository extends StoredObjectRepository<Tariff> {
  constructor(table: TenantTable) {
    super(table, 'tariffs');
  }
}

/** Tariff ids are unique per CPO (tariffs §11.3.1). */
export const tariffKey = (owner: { country_code: string; party_id: string }, id: string) =>
  `${partyKey(owner)}*${id.toUpperCase()}`;
