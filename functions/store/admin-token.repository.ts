import { ConditionFailedError } from './store-errors';
import type { TenantTable } from './tenant-table';

/**
 * Admin bearer tokens of one tenant, stored only as keyed hashes (the caller hashes). Two items per
 * token, written and deleted in one transaction:
 * - `ADMINTOKEN#<hash>`: the lookup of every admin request (strongly consistent, so a revocation
 *   counts at once);
 * - `ADMINTOKENS` / `ID#<id>`: the listing and the way from an id to its hash for revocation.
 */
export interface AdminTokenRecord {
  id: string;
  name: string;
  hash: string;
  created_at: string;
  /** ISO time from which the token is refused; absent = until revoked. */
  expires_at?: string;
}

const lookupKey = (hash: string) => ({ pk: `ADMINTOKEN#${hash}`, sk: 'ADMINTOKEN' });
const LIST_PARTITION = 'ADMINTOKENS';
const listKey = (id: string) => ({ pk: LIST_PARTITION, sk: `ID#${id}` });

type LookupItem = {
  pk: string;
  sk: string;
  id?: string;
  name?: string;
  created_at: string;
  expires_at?: string;
};
type ListItem = AdminTokenRecord & { pk: string; sk: string };

class AdminTokenExistsError extends Error {}

export class AdminTokenRepository {
  constructor(private readonly table: TenantTable) {}

  /** Writes a new token; AdminTokenExistsError when its id or hash is taken. */
  async create(record: AdminTokenRecord): Promise<void> {
    const { hash, ...lookup } = record;
    try {
      await this.table.transact([
        { put: { ...lookupKey(hash), ...lookup }, condition: { expression: 'attribute_not_exists(pk)' } },
        { put: { ...listKey(record.id), ...record }, condition: { expression: 'attribute_not_exists(pk)' } },
      ]);
    } catch (err) {
      if (err instanceof ConditionFailedError) throw new AdminTokenExistsError('admin token exists');
      throw err;
    }
  }

  /**
   * The token behind a hash. An item without an id (written by releases before admin tokens had names)
   * cannot be listed or revoked, so it counts as unknown.
   */
  async findByHash(hash: string): Promise<Omit<AdminTokenRecord, 'hash'> | undefined> {
    const item = await this.table.get<LookupItem>(lookupKey(hash));
    if (!item?.id || !item.name) return undefined;
    return { id: item.id, name: item.name, created_at: item.created_at, expires_at: item.expires_at };
  }

  async get(id: string): Promise<AdminTokenRecord | undefined> {
    const item = await this.table.get<ListItem>(listKey(id));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...record } = item;
    return record;
  }

  async list(): Promise<AdminTokenRecord[]> {
    const out: AdminTokenRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.query<ListItem>({
        partition: LIST_PARTITION,
        startKey,
        consistent: true,
      });
      for (const { pk: _pk, sk: _sk, ...record } of page.items) out.push(record);
      startKey = page.lastKey;
    } while (startKey);
    return out;
  }

  /** Deletes both items; false when the token was already gone. */
  async remove(record: AdminTokenRecord): Promise<boolean> {
    try {
      await this.table.transact([
        { delete: listKey(record.id), condition: { expression: 'attribute_exists(pk)' } },
        { delete: lookupKey(record.hash) },
      ]);
      return true;
    } catch (err) {
      if (err instanceof ConditionFailedError) return false;
      throw err;
    }
  }
}
