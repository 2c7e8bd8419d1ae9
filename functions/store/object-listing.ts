import type { Item, QueryInput, TenantTable } from './tenant-table';

/**
 * The listing index of stored objects: gsi1 partition `OBJS#<module>#<shard>`, sort key
 * `<last_updated ISO>#<KEY>`. An object's shard is a hash of its key, so the writes of a large
 * network spread over LISTING_SHARDS index partitions instead of all landing on one (each partition
 * takes about 1,000 writes/s). A page merges the shards in sort-key order: each shard is read from
 * the page's start, a few items more than its share, and a shard is read further only while it is the
 * one holding the merge back; so a page reads about limit + 2 × shards entries whatever the table holds.
 */
export const LISTING_SHARDS = 8;

export const listingPartition = (module: string, shard: number) => `OBJS#${module}#${shard}`;

/**
 * Shard of an object key, also the shard of its counters: FNV-1a with a final mix, so that keys
 * differing in one character (LOC1, LOC2...) spread evenly over the low bits.
 */
export function shardOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return ((h ^ (h >>> 13)) >>> 0) % LISTING_SHARDS;
}

/** Sort-key bounds of a read: after `from` (exclusive when `fromExclusive`), before `to`. */
export interface SortRange {
  from?: string;
  fromExclusive?: boolean;
  to?: string;
}

type Entry = Item & { gsi1sk: string };

interface ShardCursor {
  shard: number;
  buffered: Entry[];
  startKey?: Item;
  exhausted: boolean;
}

/**
 * The first `count` entries of every shard together, in sort-key order (fewer when the listing
 * ends). `projection` limits what is read (keys only when skipping to an offset).
 */
export async function mergedEntries(
  table: TenantTable,
  module: string,
  range: SortRange,
  count: number,
  projection?: string[],
): Promise<Entry[]> {
  if (count <= 0) return [];
  const cursors: ShardCursor[] = Array.from({ length: LISTING_SHARDS }, (_, shard) => ({
    shard,
    buffered: [],
    exhausted: false,
  }));
  const read = async (cursor: ShardCursor, limit: number) => {
    const out = await table.query<Entry>({
      ...shardQuery(module, cursor.shard, range),
      limit,
      startKey: cursor.startKey,
      ...(projection ? { projection } : {}),
    });
    const fresh =
      range.fromExclusive && range.from !== undefined
        ? out.items.filter((e) => e.gsi1sk !== range.from)
        : out.items;
    cursor.buffered.push(...fresh);
    cursor.startKey = out.lastKey;
    cursor.exhausted = !out.lastKey;
  };
  // One share per shard plus slack, so an even spread needs a single round.
  const share = Math.ceil(count / LISTING_SHARDS) + 2;
  await Promise.all(cursors.map((c) => read(c, share + (range.fromExclusive ? 1 : 0))));
  for (;;) {
    const open = cursors.filter((c) => !c.exhausted);
    // Entries up to the smallest last-read key of the shards still open are in final order.
    const lasts = open.map((c) => c.buffered.at(-1)?.gsi1sk ?? '');
    const watermark = open.length ? [...lasts].sort()[0] : undefined;
    const settled = cursors
      .flatMap((c) => c.buffered)
      .filter((e) => watermark === undefined || e.gsi1sk <= watermark)
      .sort((a, b) => (a.gsi1sk < b.gsi1sk ? -1 : a.gsi1sk > b.gsi1sk ? 1 : 0));
    if (settled.length >= count || open.length === 0) return settled.slice(0, count);
    const missing = count - settled.length;
    const holding = open.filter((_, i) => lasts[i] === watermark);
    await Promise.all(holding.map((c) => read(c, Math.max(share, Math.ceil(missing / holding.length) + 1))));
  }
}

/** Entries of one shard counted on the index (Select=COUNT), e.g. those of a partial minute. */
export async function countEntries(table: TenantTable, module: string, shard: number, range: SortRange) {
  let count = 0;
  let startKey: Item | undefined;
  do {
    const out = await table.query({ ...shardQuery(module, shard, range), countOnly: true, startKey });
    count += out.count;
    startKey = out.lastKey;
  } while (startKey);
  return count;
}

function shardQuery(module: string, shard: number, range: SortRange): QueryInput {
  const input: QueryInput = { index: 'gsi1', partition: listingPartition(module, shard) };
  // `<ISO>#KEY` sorts after `<ISO>`, so BETWEEN from AND to is exactly [from, to) for ISO bounds.
  if (range.from !== undefined && range.to !== undefined) input.sort = { between: [range.from, range.to] };
  else if (range.from !== undefined) input.sort = { gte: range.from };
  else if (range.to !== undefined) input.sort = { lt: range.to };
  return input;
}
