import type { TenantTable } from '../../store/tenant-table';
import type { TokenKeys } from './token-keys';

/** Admin bearer tokens, per tenant, stored only as keyed hashes in that tenant's table. */
const adminTokenKey = (hash: string) => ({ pk: `ADMINTOKEN#${hash}`, sk: 'ADMINTOKEN' });

export async function registerAdminToken(
  table: TenantTable,
  keys: TokenKeys,
  token: string,
  at: string,
): Promise<void> {
  await table.put({ ...adminTokenKey(keys.hash(token)), created_at: at });
}

export async function isAdminToken(table: TenantTable, keys: TokenKeys, token: string): Promise<boolean> {
  return (await table.get(adminTokenKey(keys.hash(token)))) !== undefined;
}
