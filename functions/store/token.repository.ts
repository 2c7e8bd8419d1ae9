import { partyKey } from '../ocpi/party';
import type { Token } from '../ocpi/schemas/token';
import { StoredObjectRepository } from './stored-object.repository';
import type { TenantTable } from './tenant-table';

export class TokenRepository extends StoredObjectRepository<Token> {
  constructor(table: TenantTable) {
    super(table, 'tokens');
  }
}

/** Tokens are keyed by (country_code, party_id, uid, type): one uid may exist with several types (tokens §12.3.2). */
export const tokenKey = (owner: { country_code: string; party_id: string }, uid: string, type: string) =>
  `${partyKey(owner)}*${uid}*${type}`.toUpperCase();
