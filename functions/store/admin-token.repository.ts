import type { TenantTable } from './tenant-table';

/** Admin bearer tokens of one tenant, stored only as keyed hashes (the caller hashes). */
const adminTokenKey = (hash: string) => ({ pk: `ADMINTOKEN#${hash}`, sk: 'ADMINTOKEN' });

export class AdminTokenRepository {
  constructor(private readonly table: TenantTable) {}

  async put(hash: string, createdAt: string): Promise<void> {
    await this.table.put({ ...adminTokenKey(hash), created_at: createdAt });
  }

  async exists(hash: string): Promise<boolean> {
    return (await this.table.get(adminTokenKey(hash))) !== undefined;
  }
}
