import { countedFrom, counterMoveOps, counterSeedOps, shardTotals } from './object-counters';
import { countEntries, LISTING_SHARDS, listingPartition, mergedEntries, shardOf } from './object-listing';
import { forgetState, rememberedState, rememberState, type StoredState } from './recent-object-states';
import { ConditionFailedError } from './store-errors';
import { decodeDocument, encodeDocument } from './stored-document';
import { transactWithCounters } from './stored-object-transact';
import type { TenantTable, TransactOp } from './tenant-table';

/**
 * Pushed OCPI objects kept by the hub for "GET All via hub" (ocpi-notes §3.4), one item per object:
 *
 * - pk `OBJ#<module>#<KEY>`, sk `OBJ`: KEY is the upper-cased owner + id (CiStrings, ocpi-notes §1.6).
 * - gsi1 `OBJS#<module>#<shard>` / `<last_updated ISO>#<KEY>`: the listing, sharded by key so writes
 *   spread over partitions; a page merges the shards (object-listing.ts), and date_from/date_to are a
 *   key range, not a filter.
 * - gsi2 `OBJID#<module>#<ID>` / `<KEY>`: finds objects by id across owners (single GETs without TO,
 *   a token's owner for real-time authorization, a location's CPO for commands).
 * - `lu` (last_updated ms) and `rev` guard conditional writes; the counters (object-counters.ts) hold
 *   totals per shard and per time bucket for X-Total-Count, updated in the same transaction.
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

export type { StoredState };

/** date_from (inclusive) and date_to (exclusive) on last_updated, in epoch ms. */
export type DateBounds = { from?: number; to?: number };

export interface PageRequest {
  range: DateBounds;
  limit: number;
  /** Sort key of the previous page's last object (from a verified cursor or a skip): the page starts after it. */
  after?: string;
}

export interface Page<T> {
  objects: StoredObject<T>[];
  hasMore: boolean;
}

export class InvalidPagePositionError extends Error {}

/**
 * The object was not in the state the write expected: `stored` is what the table holds (undefined:
 * nothing), handed back by the failed write itself, so the caller decides again without a read.
 */
export class UnexpectedStateError<T> extends Error {
  constructor(readonly stored: StoredObject<T> | undefined) {
    super('the stored object changed');
  }
}

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

  async get(key: string): Promise<StoredObject<T> | undefined> {
    const item = await this.table.get<ObjectItem>(this.itemKey(key));
    const stored = item ? toStoredObject<T>(item) : undefined;
    this.remember(key, stored);
    return stored;
  }

  /**
   * The state this process last saw the object in (written or read here), if any: a whole-object
   * write can expect it without reading. Only a guess; the write's condition checks it.
   */
  recall(key: string): StoredState | undefined {
    return rememberedState(this.table.tableName, this.module, key);
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
   * Writes `record` (rev already incremented) if the object is in the `expected` state (undefined:
   * absent), with `extra` operations (the outbox item) and the counter updates in one transaction.
   * An object in another state fails with UnexpectedStateError holding what is stored.
   */
  async save(
    record: StoredObject<T>,
    opts: { lookupId: string; expected: StoredState | undefined; extra: TransactOp[] },
  ): Promise<void> {
    const expected = opts.expected;
    const condition = expected
      ? {
          // The rev check makes read-modify-write safe; the lu check states the rule itself: an older
          // last_updated never overwrites a newer one (docs/architecture.md "Cross-cutting rules").
          expression: '#rev = :rev AND #lu <= :lu',
          names: { '#rev': 'rev', '#lu': 'lu' },
          values: { ':rev': expected.rev, ':lu': record.lastUpdatedMs },
        }
      : { expression: 'attribute_not_exists(pk)' };
    const ops: TransactOp[] = [
      { put: this.itemOf(record, opts.lookupId), condition, returnOnFailure: true },
      ...opts.extra,
      ...counterMoveOps(this.module, shardOf(record.key), expected?.lastUpdatedMs, record.lastUpdatedMs),
    ];
    await this.transactExpecting(record.key, ops);
    this.remember(record.key, record);
  }

  /** Deletes the object if still at `current.rev`, with `extra` operations in the same transaction. */
  async remove(current: StoredObject<T>, extra: TransactOp[]): Promise<void> {
    await this.transactExpecting(current.key, [
      {
        delete: this.itemKey(current.key),
        condition: { expression: '#rev = :rev', names: { '#rev': 'rev' }, values: { ':rev': current.rev } },
        returnOnFailure: true,
      },
      ...extra,
      ...counterMoveOps(this.module, shardOf(current.key), current.lastUpdatedMs, undefined),
    ]);
    this.remember(current.key, undefined);
  }

  private async transactExpecting(key: string, ops: TransactOp[]): Promise<void> {
    try {
      await transactWithCounters(this.table, ops);
    } catch (err) {
      if (!(err instanceof ConditionFailedError) || !err.failedIndexes.includes(0)) throw err;
      const item = err.storedItems[0] as ObjectItem | undefined;
      const stored = item ? toStoredObject<T>(item) : undefined;
      this.remember(key, stored);
      throw new UnexpectedStateError<T>(stored);
    }
  }

  private remember(key: string, stored: StoredState | undefined): void {
    if (stored) rememberState(this.table.tableName, this.module, key, stored);
    else forgetState(this.table.tableName, this.module, key);
  }

  /** The unfiltered number of objects: the shards' TOTAL counters, one BatchGetItem. */
  async countAll(): Promise<number> {
    return shardTotals(this.table, this.module, LISTING_SHARDS);
  }

  /**
   * Objects with last_updated in the range, from the time-bucket counters plus the objects of a
   * partial first minute counted on the index: the cost does not grow with the number of matches.
   */
  async countRange(range: DateBounds): Promise<number> {
    if (isEmptyRange(range)) return 0;
    const [from, to] = await Promise.all([
      range.from === undefined ? this.countAll() : this.countFrom(range.from),
      range.to === undefined ? 0 : this.countFrom(range.to),
    ]);
    return Math.max(0, from - to);
  }

  private async countFrom(ms: number): Promise<number> {
    const perShard = await Promise.all(
      Array.from({ length: LISTING_SHARDS }, async (_, shard) => {
        const counted = await countedFrom(this.table, this.module, shard, ms);
        if (counted.partialMinuteEnd === undefined) return counted.count;
        const partial = await countEntries(this.table, this.module, shard, {
          from: isoOf(ms),
          to: isoOf(counted.partialMinuteEnd),
        });
        return counted.count + partial;
      }),
    );
    return perShard.reduce((a, b) => a + b, 0);
  }

  /**
   * The sort key of the `offset`-th match, read key-only across the shards (an explicit offset
   * without a cursor costs what the offset is long); `exhausted` when fewer matches exist.
   */
  async skip(range: DateBounds, offset: number): Promise<{ after?: string; exhausted: boolean }> {
    if (isEmptyRange(range)) return { exhausted: true };
    if (offset === 0) return { exhausted: false };
    const entries = await mergedEntries(this.table, this.module, sortRange(range), offset, ['gsi1sk']);
    if (entries.length < offset) return { exhausted: true };
    return { after: entries[offset - 1]?.gsi1sk, exhausted: false };
  }

  /** One page in (last_updated, key) order; reads limit + 1 objects to know whether more remain. */
  async page(req: PageRequest): Promise<Page<T>> {
    if (isEmptyRange(req.range)) return { objects: [], hasMore: false };
    if (req.after !== undefined) this.checkPosition(req.after, req.range);
    const items = (await mergedEntries(
      this.table,
      this.module,
      sortRange(req.range, req.after),
      req.limit + 1,
    )) as ObjectItem[];
    return {
      objects: items.slice(0, req.limit).map((i) => toStoredObject<T>(i)),
      hasMore: items.length > req.limit,
    };
  }

  private checkPosition(after: string, range: DateBounds): void {
    if (!SORT_KEY.test(after)) throw new InvalidPagePositionError('malformed page position');
    const ms = Date.parse(after.slice(0, ISO_LENGTH));
    if ((range.from !== undefined && ms < range.from) || (range.to !== undefined && ms >= range.to)) {
      throw new InvalidPagePositionError('page position outside the date range');
    }
  }

  /** The item `save` writes; bulk imports (the benchmarks' seeding) write exactly the same. */
  itemOf(record: StoredObject<T>, lookupId: string): ObjectItem {
    return {
      ...this.itemKey(record.key),
      gsi1pk: listingPartition(this.module, shardOf(record.key)),
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

  /** The counter updates a bulk import of `records` owes, summed per counter item. */
  seedCounterOps(records: Array<Pick<StoredObject, 'key' | 'lastUpdatedMs'>>): TransactOp[] {
    return counterSeedOps(
      this.module,
      records.map((r) => ({ shard: shardOf(r.key), lastUpdatedMs: r.lastUpdatedMs })),
    );
  }
}

function sortRange(range: DateBounds, after?: string) {
  const to = range.to === undefined ? undefined : isoOf(range.to);
  if (after !== undefined) return { from: after, fromExclusive: true, to };
  return { from: range.from === undefined ? undefined : isoOf(range.from), to };
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
