import { decodeDocument, encodeDocument } from './stored-document';
import { transactWithCounters } from './stored-object-transact';
import type { Item, QueryInput, TenantTable, TransactOp } from './tenant-table';

/**
 * Pushed OCPI objects kept by the hub for "GET All via hub" (ocpi-notes §3.4), one item per object:
 *
 * - pk `OBJ#<module>#<KEY>`, sk `OBJ`: KEY is the upper-cased owner + id (CiStrings, ocpi-notes §1.6).
 * - gsi1 `OBJS#<module>` / `<last_updated ISO>#<KEY>`: one sorted listing per module, so a page is one
 *   Query whatever the number of objects, and date_from/date_to are a key range, not a filter.
 * - gsi2 `OBJID#<module>#<ID>` / `<KEY>`: finds objects by id across owners (single GETs without TO,
 *   a token's owner for real-time authorization, a location's CPO for commands).
 * - `lu` (last_updated ms) and `rev` guard conditional writes; counters `OBJCOUNT#<module>` hold
 *   the unfiltered total for X-Total-Count, updated in the same transaction as inserts and deletes.
 */
export type StoredModule = 'locations' | 'tariffs' | 'tokens';

export interface StoredObject<T = Record<string, unknown>> {
  key: string;
  /** The owner as spelled in the object. */
  owner: { country_code: string; party_id: string };
  object: T;
  lastUpdatedMs: number;
  /** Incremented by every write; the optimistic lock of read-modify-write updates. */
  rev: number;
  createdAt: string;
  updatedAt: string;
}

/** date_from (inclusive) and date_to (exclusive) on last_updated, in epoch ms. */
export type DateBounds = { from?: number; to?: number };

export interface PageRequest {
  range: DateBounds;
  limit: number;
  /** Sort key of the previous page's last object (from a verified cursor): the page starts after it. */
  after?: string;
  /** A position found by `skip` (explicit offset without cursor). */
  startKey?: Item;
}

export interface Page<T> {
  objects: StoredObject<T>[];
  hasMore: boolean;
}

export class InvalidPagePositionError extends Error {}

type ObjectItem = {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
  key: string;
  owner_cc: string;
  owner_pid: string;
  lu: number;
  rev: number;
  created_at: string;
  updated_at: string;
  doc?: string;
  docz?: Uint8Array;
};

/** Spreads counter increments so concurrent inserts rarely touch the same item. */
const COUNTER_SHARDS = 16;
const ISO_LENGTH = 24;
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#.+$/;

const isoOf = (ms: number) => new Date(ms).toISOString();
export const pageSortKey = (o: Pick<StoredObject, 'lastUpdatedMs' | 'key'>) =>
  `${isoOf(o.lastUpdatedMs)}#${o.key}`;

export class StoredObjectRepository<T = Record<string, unknown>> {
  constructor(
    private readonly table: TenantTable,
    readonly module: StoredModule,
  ) {}

  private itemKey(key: string) {
    return { pk: `OBJ#${this.module}#${key}`, sk: 'OBJ' };
  }

  private counterKey(shard: number) {
    return { pk: `OBJCOUNT#${this.module}`, sk: `SHARD#${shard}` };
  }

  async get(key: string): Promise<StoredObject<T> | undefined> {
    const item = await this.table.get<ObjectItem>(this.itemKey(key));
    return item ? toStoredObject<T>(item) : undefined;
  }

  /** Every object with this id (any owner), e.g. a location id known to several CPOs. */
  async findById(id: string): Promise<StoredObject<T>[]> {
    const out = await this.table.query<ObjectItem>({
      index: 'gsi2',
      partition: `OBJID#${this.module}#${id.toUpperCase()}`,
      limit: 50,
    });
    return out.items.map((i) => toStoredObject<T>(i));
  }

  /**
   * Writes `record` (rev already incremented) if the stored revision is still `expectedRev` (undefined:
   * must not exist yet), with `extra` operations (the outbox item) in the same transaction. A lost race
   * is a ConditionFailedError whose failedIndexes include 0.
   */
  async save(record: StoredObject<T>, opts: { lookupId: string; expectedRev?: number; extra: TransactOp[] }) {
    const creating = opts.expectedRev === undefined;
    const condition = creating
      ? { expression: 'attribute_not_exists(pk)' }
      : {
          // The rev check makes read-modify-write safe; the lu check states the rule itself: an older
          // last_updated never overwrites a newer one (docs/architecture.md "Cross-cutting rules").
          expression: '#rev = :rev AND #lu <= :lu',
          names: { '#rev': 'rev', '#lu': 'lu' },
          values: { ':rev': opts.expectedRev, ':lu': record.lastUpdatedMs },
        };
    const ops: TransactOp[] = [{ put: this.itemOf(record, opts.lookupId), condition }, ...opts.extra];
    if (creating) ops.push(this.counterOp(record.key, 1));
    await transactWithCounters(this.table, ops);
  }

  /** Deletes the object if still at `current.rev`, with `extra` operations in the same transaction. */
  async remove(current: StoredObject<T>, extra: TransactOp[]): Promise<void> {
    await transactWithCounters(this.table, [
      {
        delete: this.itemKey(current.key),
        condition: { expression: '#rev = :rev', names: { '#rev': 'rev' }, values: { ':rev': current.rev } },
      },
      ...extra,
      this.counterOp(current.key, -1),
    ]);
  }

  /** The unfiltered number of objects: one Query over the counter shards. */
  async countAll(): Promise<number> {
    const out = await this.table.query<{ n?: number }>({
      partition: `OBJCOUNT#${this.module}`,
      consistent: true,
    });
    return Math.max(
      0,
      out.items.reduce((sum, i) => sum + (i.n ?? 0), 0),
    );
  }

  /** Matches of a date range, counted on the index (Select=COUNT): the cost is bounded by the range. */
  async countRange(range: DateBounds): Promise<number> {
    if (isEmptyRange(range)) return 0;
    let count = 0;
    let startKey: Item | undefined;
    do {
      const out = await this.table.query({ ...this.listQuery(range), countOnly: true, startKey });
      count += out.count;
      startKey = out.lastKey;
    } while (startKey);
    return count;
  }

  /** Position after the first `offset` matches, counted without reading the documents out. */
  async skip(range: DateBounds, offset: number): Promise<{ startKey?: Item; exhausted: boolean }> {
    if (offset === 0) return { exhausted: isEmptyRange(range) };
    if (isEmptyRange(range)) return { exhausted: true };
    let remaining = offset;
    let startKey: Item | undefined;
    while (remaining > 0) {
      const out = await this.table.query({
        ...this.listQuery(range),
        countOnly: true,
        limit: remaining,
        startKey,
      });
      remaining -= out.count;
      startKey = out.lastKey;
      if (!startKey) return { exhausted: true };
    }
    return { startKey, exhausted: false };
  }

  /** One page in (last_updated, key) order; reads limit + 1 objects to know whether more remain. */
  async page(req: PageRequest): Promise<Page<T>> {
    if (isEmptyRange(req.range)) return { objects: [], hasMore: false };
    let startKey =
      req.startKey ?? (req.after !== undefined ? this.startKeyAfter(req.after, req.range) : undefined);
    const items: ObjectItem[] = [];
    do {
      const out = await this.table.query<ObjectItem>({
        ...this.listQuery(req.range),
        limit: req.limit + 1 - items.length,
        startKey,
      });
      items.push(...out.items);
      startKey = out.lastKey;
    } while (startKey && items.length <= req.limit);
    return {
      objects: items.slice(0, req.limit).map((i) => toStoredObject<T>(i)),
      hasMore: items.length > req.limit,
    };
  }

  private startKeyAfter(after: string, range: DateBounds): Item {
    if (!SORT_KEY.test(after)) throw new InvalidPagePositionError('malformed page position');
    const ms = Date.parse(after.slice(0, ISO_LENGTH));
    if ((range.from !== undefined && ms < range.from) || (range.to !== undefined && ms >= range.to)) {
      throw new InvalidPagePositionError('page position outside the date range');
    }
    return { ...this.itemKey(after.slice(ISO_LENGTH + 1)), gsi1pk: `OBJS#${this.module}`, gsi1sk: after };
  }

  private listQuery(range: DateBounds): QueryInput {
    const input: QueryInput = { index: 'gsi1', partition: `OBJS#${this.module}` };
    // `<ISO>#KEY` sorts after `<ISO>`, so BETWEEN from AND to is exactly [from, to).
    if (range.from !== undefined && range.to !== undefined)
      input.sort = { between: [isoOf(range.from), isoOf(range.to)] };
    else if (range.from !== undefined) input.sort = { gte: isoOf(range.from) };
    else if (range.to !== undefined) input.sort = { lt: isoOf(range.to) };
    return input;
  }

  private counterOp(key: string, delta: number): TransactOp {
    return { update: this.counterKey(shardOf(key)), add: { n: delta } };
  }

  /** The item `save` writes; bulk imports (the benchmarks' seeding) write exactly the same. */
  itemOf(record: StoredObject<T>, lookupId: string): ObjectItem {
    return {
      ...this.itemKey(record.key),
      gsi1pk: `OBJS#${this.module}`,
      gsi1sk: pageSortKey(record),
      gsi2pk: `OBJID#${this.module}#${lookupId.toUpperCase()}`,
      gsi2sk: record.key,
      key: record.key,
      owner_cc: record.owner.country_code,
      owner_pid: record.owner.party_id,
      lu: record.lastUpdatedMs,
      rev: record.rev,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
      ...encodeDocument(record.object),
    };
  }
}

function toStoredObject<T>(item: ObjectItem): StoredObject<T> {
  return {
    key: item.key,
    owner: { country_code: item.owner_cc, party_id: item.owner_pid },
    object: decodeDocument<T>(item),
    lastUpdatedMs: item.lu,
    rev: item.rev,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
  };
}

function isEmptyRange(range: DateBounds): boolean {
  return range.from !== undefined && range.to !== undefined && range.from >= range.to;
}

function shardOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % COUNTER_SHARDS;
}
