import { ConditionFailedError } from './store-errors';
import type { Item, TenantTable, TransactOp } from './tenant-table';

/** A party as stored in keys: upper-cased `CC*PID` (CiStrings, ocpi-notes §1.6). */
export type PartyKeyString = string;

/** A Session as the hub keeps it for the eMSP to pull (sessions §9.2.1), plus routing facts. */
export interface StoredSession {
  session: Record<string, unknown>;
  cpo_key: PartyKeyString;
  /** The eMSP the session belongs to: its cdr_token owner, or the party it was routed to. */
  emsp_key: PartyKeyString;
  last_updated_ms: number;
  rev: number;
}

export interface DatedPageRequest {
  /** gsi1 partition of the listing. */
  partition: string;
  dateFrom?: number;
  dateTo?: number;
  offset: number;
  limit: number;
  /** Opaque position from a previous page's Link; when set, `offset` only feeds X-Total-Count. */
  cursor?: string;
}

export interface DatedPage<T> {
  items: T[];
  total: number;
  nextCursor?: string;
}

/** A cursor that does not belong to the listing asked for. */
export class InvalidCursorError extends Error {}

const sessionKey = (cpoKey: string, id: string) => ({
  pk: `SESSION#${cpoKey}#${id.toUpperCase()}`,
  sk: 'SESSION',
});

/** Sortable, fixed-width form of a last_updated instant for listing keys. */
export const sortableInstant = (ms: number) => new Date(ms).toISOString();

/**
 * Sessions of every CPO, readable per eMSP ordered by last_updated (gsi1, so a page costs one query
 * whatever the table size) and by session id alone (gsi2, for open routing of STOP_SESSION and charging
 * profiles). Writes are optimistic on `rev`.
 */
export class SessionRepository {
  constructor(private readonly table: TenantTable) {}

  async get(cpoKey: string, id: string): Promise<StoredSession | undefined> {
    const item = await this.table.get<StoredSession & Item>(sessionKey(cpoKey, id));
    return item ? toStored(item) : undefined;
  }

  /** Sessions with this id at any CPO (ids are only unique per CPO). */
  async findById(id: string): Promise<StoredSession[]> {
    const page = await this.table.query<StoredSession & Item>({
      index: 'gsi2',
      partition: `SESSIONID#${id.toUpperCase()}`,
    });
    return page.items.map(toStored);
  }

  /**
   * Writes `next` if the stored revision is still `expectedRev` (undefined: must not exist yet), with
   * `extra` (its outbox message) in the same transaction; false when the revision moved on.
   */
  async save(
    next: Omit<StoredSession, 'rev'>,
    expectedRev: number | undefined,
    extra: TransactOp[] = [],
  ): Promise<boolean> {
    const id = String(next.session.id);
    const item = {
      ...sessionKey(next.cpo_key, id),
      ...next,
      rev: (expectedRev ?? 0) + 1,
      gsi1pk: `SESSIONS#${next.emsp_key}`,
      gsi1sk: `${sortableInstant(next.last_updated_ms)}#${next.cpo_key}#${id.toUpperCase()}`,
      gsi2pk: `SESSIONID#${id.toUpperCase()}`,
      gsi2sk: next.cpo_key,
    };
    const condition =
      expectedRev === undefined
        ? { expression: 'attribute_not_exists(pk)' }
        : { expression: 'rev = :rev', values: { ':rev': expectedRev } };
    try {
      if (extra.length) await this.table.transact([{ put: item, condition }, ...extra]);
      else await this.table.put(item, condition);
      return true;
    } catch (err) {
      if (err instanceof ConditionFailedError && (!extra.length || err.failedIndexes.includes(0)))
        return false;
      throw err;
    }
  }

  listForEmsp(emspKey: string, page: Omit<DatedPageRequest, 'partition'>): Promise<DatedPage<StoredSession>> {
    return readDatedPage(this.table, { ...page, partition: `SESSIONS#${emspKey}` }, toStored);
  }
}

function toStored(item: StoredSession & Item): StoredSession {
  return {
    session: item.session,
    cpo_key: item.cpo_key,
    emsp_key: item.emsp_key,
    last_updated_ms: item.last_updated_ms,
    rev: item.rev,
  };
}

/**
 * One page of a gsi1 listing whose sort keys start with `sortableInstant(last_updated)`: date_from
 * inclusive, date_to exclusive (ocpi-notes §1.5). Later pages resume from a cursor (the last key read), so
 * their cost does not grow with the offset; only an offset without a cursor reads what it skips.
 */
export async function readDatedPage<T>(
  table: TenantTable,
  req: DatedPageRequest,
  map: (item: Item & T) => T,
): Promise<DatedPage<T>> {
  const sort = sortRange(req.dateFrom, req.dateTo);
  const startKey = req.cursor === undefined ? undefined : decodeCursor(req.cursor, req.partition);
  const skip = startKey ? 0 : req.offset;
  const items: (Item & T)[] = [];
  let lastKey = startKey;
  let skipped = 0;
  do {
    const wanted = req.limit - items.length + (skip - skipped);
    const page = await table.query<Item & T>({
      index: 'gsi1',
      partition: req.partition,
      sort,
      limit: wanted,
      startKey: lastKey,
    });
    for (const item of page.items) {
      if (skipped < skip) skipped++;
      else items.push(item);
    }
    lastKey = page.lastKey;
  } while (lastKey && items.length < req.limit);
  const total = await countAll(table, req.partition, sort);
  const last = items.at(-1);
  const more = lastKey !== undefined && last !== undefined;
  return {
    items: items.map(map),
    total,
    nextCursor: more ? encodeCursor(last, req.partition) : undefined,
  };
}

type SortRange = { between: [string, string] } | { gte: string } | { lt: string } | undefined;

function sortRange(from?: number, to?: number): SortRange {
  // Keys are `<instant>#...`: every key of instant `to` sorts after the bare `<to>`, so BETWEEN with it
  // as upper bound excludes date_to itself.
  if (from !== undefined && to !== undefined)
    return { between: [sortableInstant(from), sortableInstant(to)] };
  if (from !== undefined) return { gte: sortableInstant(from) };
  if (to !== undefined) return { lt: sortableInstant(to) };
  return undefined;
}

async function countAll(table: TenantTable, partition: string, sort: SortRange): Promise<number> {
  let total = 0;
  let startKey: Item | undefined;
  do {
    const page = await table.query({ index: 'gsi1', partition, sort, countOnly: true, startKey });
    total += page.count;
    startKey = page.lastKey;
  } while (startKey);
  return total;
}

function encodeCursor(item: Item, partition: string): string {
  const key = { pk: item.pk, sk: item.sk, gsi1pk: partition, gsi1sk: item.gsi1sk };
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, partition: string): Item {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is not one this hub issued');
  }
  const k = key as Record<string, unknown> | null;
  const valid =
    k !== null &&
    typeof k === 'object' &&
    ['pk', 'sk', 'gsi1sk'].every((name) => typeof k[name] === 'string') &&
    k.gsi1pk === partition;
  // A cursor from another listing (another eMSP's) must not position this one.
  if (!valid) throw new InvalidCursorError('cursor is not one this hub issued for this listing');
  return { pk: k.pk, sk: k.sk, gsi1pk: partition, gsi1sk: k.gsi1sk };
}
