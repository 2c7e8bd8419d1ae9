import type { Item, TenantTable, TransactOp } from './tenant-table';

/**
 * Counters of the stored objects of one module, kept in the same transaction as every write so
 * X-Total-Count is exact without counting objects (ocpi-notes §1.5):
 *
 * - per listing shard one partition `OBJCNT#<module>#<shard>`, so the counter writes of a large
 *   network spread like its listing index does (object-listing.ts);
 * - `TOTAL` holds the shard's number of objects;
 * - `D#<yyyy-mm-dd>` the objects whose last_updated falls on that day;
 * - `H#<yyyy-mm-ddThh>` those of that hour in `n`, and per minute in `m<mm>`.
 *
 * A date-filtered total is then a few buckets per shard (minutes and hours of the first day, whole
 * days after it) plus the objects of the first, partial minute counted on the listing index: its
 * cost follows the number of days in the range and the objects of one minute, not the network's size.
 */
const TOTAL_SK = 'TOTAL';
const MINUTE_MS = 60_000;

const counterPartition = (module: string, shard: number) => `OBJCNT#${module}#${shard}`;
const dayKey = (iso: string) => `D#${iso.slice(0, 10)}`;
const hourKey = (iso: string) => `H#${iso.slice(0, 13)}`;
const minuteAttr = (iso: string) => `m${iso.slice(14, 16)}`;

/**
 * The counter updates for one object of `shard` whose last_updated moves from `fromMs` (undefined: it
 * is created) to `toMs` (undefined: it is deleted). Moves within one minute change nothing.
 */
export function counterMoveOps(
  module: string,
  shard: number,
  fromMs: number | undefined,
  toMs: number | undefined,
): TransactOp[] {
  const deltas = new Map<string, Record<string, number>>();
  const add = (sk: string, attr: string, delta: number) => {
    const item = deltas.get(sk) ?? {};
    item[attr] = (item[attr] ?? 0) + delta;
    deltas.set(sk, item);
  };
  const count = (ms: number, delta: number) => {
    const iso = new Date(ms).toISOString();
    add(dayKey(iso), 'n', delta);
    add(hourKey(iso), 'n', delta);
    add(hourKey(iso), minuteAttr(iso), delta);
  };
  if (fromMs === undefined) add(TOTAL_SK, 'n', 1);
  else count(fromMs, -1);
  if (toMs === undefined) add(TOTAL_SK, 'n', -1);
  else count(toMs, 1);
  const ops: TransactOp[] = [];
  for (const [sk, attrs] of deltas) {
    const changed = Object.fromEntries(Object.entries(attrs).filter(([, d]) => d !== 0));
    if (Object.keys(changed).length > 0)
      ops.push({ update: { pk: counterPartition(module, shard), sk }, add: changed });
  }
  return ops;
}

/** The summed counter updates of many new objects (bulk imports write them once, not per object). */
export function counterSeedOps(module: string, entries: Array<{ shard: number; lastUpdatedMs: number }>) {
  const merged = new Map<
    string,
    TransactOp & { update: { pk: string; sk: string }; add: Record<string, number> }
  >();
  for (const e of entries) {
    for (const op of counterMoveOps(module, e.shard, undefined, e.lastUpdatedMs)) {
      if (!('update' in op) || !op.add) continue;
      const id = `${op.update.pk}|${op.update.sk}`;
      const found = merged.get(id) ?? { update: op.update, add: {} };
      for (const [attr, d] of Object.entries(op.add)) found.add[attr] = (found.add[attr] ?? 0) + d;
      merged.set(id, found);
    }
  }
  return [...merged.values()];
}

/** The number of objects in `shard`: its TOTAL counter. */
export async function shardTotals(table: TenantTable, module: string, shards: number): Promise<number> {
  const keys = Array.from({ length: shards }, (_, s) => ({ pk: counterPartition(module, s), sk: TOTAL_SK }));
  const items = await table.batchGet<{ n?: number }>(keys);
  return Math.max(
    0,
    items.reduce((sum, i) => sum + (i.n ?? 0), 0),
  );
}

/**
 * Objects of `shard` with last_updated at or after `fromMs`, from the counters: the minutes of
 * that hour from the next whole minute on, the later hours of that day, every later day. The
 * objects before the next whole minute are not included (`partialMinuteEnd` says where they end,
 * undefined when `fromMs` is a whole minute); the caller counts them on the listing index.
 */
export async function countedFrom(
  table: TenantTable,
  module: string,
  shard: number,
  fromMs: number,
): Promise<{ count: number; partialMinuteEnd?: number }> {
  const wholeMinute = fromMs % MINUTE_MS === 0;
  const firstMinuteMs = wholeMinute ? fromMs : fromMs - (fromMs % MINUTE_MS) + MINUTE_MS;
  const iso = new Date(fromMs).toISOString();
  const pk = counterPartition(module, shard);
  const [hours, days] = await Promise.all([
    table.query<Item>({
      partition: pk,
      sort: { between: [hourKey(iso), `H#${iso.slice(0, 10)}T23`] },
      consistent: true,
    }),
    table.query<{ n?: number }>({
      partition: pk,
      sort: { between: [`${dayKey(iso)}#`, 'D#~'] },
      consistent: true,
    }),
  ]);
  const firstHour = hourKey(iso);
  const firstMinute = new Date(firstMinuteMs).toISOString();
  let count = days.items.reduce((sum, d) => sum + (d.n ?? 0), 0);
  for (const hour of hours.items) {
    if (hour.sk !== firstHour) count += Number(hour.n ?? 0);
    else if (hourKey(firstMinute) === firstHour) {
      // The first hour: only its minutes from the first whole minute on.
      for (const [attr, n] of Object.entries(hour)) {
        if (/^m\d\d$/.test(attr) && attr >= minuteAttr(firstMinute)) count += Number(n);
      }
    }
  }
  return wholeMinute ? { count } : { count, partialMinuteEnd: firstMinuteMs };
}
