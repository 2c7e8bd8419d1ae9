import type { PartyRoleName } from '../domain/partner';
import type { ModuleId } from '../ocpi/modules';
import { ConditionFailedError } from './store-errors';
import type { Item, TenantTable, TransactOp } from './tenant-table';

/**
 * A push the hub still owes to other parties, written in the same transaction as the stored object
 * (docs/architecture.md "Cross-cutting rules"), then fanned out by the delivery worker from the table's stream.
 */
export interface OutboxMessage {
  id: string;
  /** broadcast: every connected party of the opposite role (ocpi-notes §3.2); direct: `target` only. */
  kind: 'broadcast' | 'direct';
  module: ModuleId;
  method: 'PUT' | 'PATCH' | 'POST' | 'DELETE';
  /** Below the receiver's endpoint URL, e.g. ['NL','CP1','LOC1','EVSE1']. */
  pathSegments: string[];
  query?: Record<string, string>;
  /** Forwarded byte-for-byte (ocpi-notes §3.6: never touch the content). */
  bodyText?: string;
  /** The data owner; the URL keeps its country_code/party_id (ocpi-notes §3.2). */
  owner: { country_code: string; party_id: string; role: PartyRoleName };
  /** Ordering and superseding unit, e.g. 'locations:NL*CP1*LOC1'. */
  objectKey: string;
  /** Monotonic within objectKey: the object's last_updated (ms) plus a tiebreak; see `outboxSequence`. */
  sequence: string;
  /** For kind 'direct'. */
  target?: { country_code: string; party_id: string; role: PartyRoleName };
  /**
   * The receiver's interface the message goes to: RECEIVER (default, a push to the receiver's copy)
   * or SENDER (asynchronous results and ActiveChargingProfile updates go back to the requester's
   * Sender interface, ocpi-notes §4.6-4.7).
   */
  targetInterface?: 'SENDER';
  /** An absolute URL the receiver chose (a `response_url`), used instead of endpoint + pathSegments. */
  url?: string;
  /** Why the hub sends this on its own account (e.g. a synthesized TIMEOUT): shown in the ledger. */
  note?: string;
  correlationId: string;
  createdAt: string;
}

/** What became of a message at one receiver when it was fanned out (the delivery ledger). */
export interface LedgerEntry {
  partner_id: string;
  party?: { country_code: string; party_id: string; role: PartyRoleName };
  /** queued: it went to the receiver's lane (a delivery record there tells the rest). */
  status: 'delivered' | 'failed' | 'superseded' | 'skipped' | 'queued';
  attempts: number;
  at: string;
  last_error?: string;
  last_http_status?: number;
  last_ocpi_status?: number;
  /** The OCPI version the push was sent in (the receiver's negotiated version). */
  version?: string;
}

/** The stored item: the message plus its keys, fan-out progress and ledger. */
export type OutboxItem = OutboxMessage & {
  pk: string;
  sk: string;
  /** Set once the message has been fanned out. */
  fanned_out_at?: string;
  /** By receiver key, once fanned out. */
  deliveries?: Record<string, LedgerEntry>;
  /** The tenant's delivery ledger, newest first (admin API). */
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
  ttl: number;
};

const OUTBOX_PK_PREFIX = 'OUTBOX#';
const MESSAGE_SK_PREFIX = 'MSG#';
/** Sparse index partition of messages not fanned out yet, swept in case their stream record was lost. */
const UNFANNED_PARTITION = 'OUTBOX_UNFANNED';
/** Index partition of every message by creation time: the ledger the admin API lists. */
const LEDGER_PARTITION = 'OUTBOX_LEDGER';
/** Outbox items outlive every retry schedule by far; they are kept a while for the admin API. */
const RETENTION_SECONDS = 14 * 24 * 3600;

export const outboxPartition = (objectKey: string) => `${OUTBOX_PK_PREFIX}${objectKey}`;
const messageSortKey = (msg: Pick<OutboxMessage, 'sequence' | 'id'>) =>
  `${MESSAGE_SK_PREFIX}${msg.sequence}#${msg.id}`;

/**
 * Sequence for a change whose object has `last_updated` = `lastUpdatedMs`: zero-padded so that string
 * order is numeric order, then a tiebreak (e.g. a counter or time of receipt) for equal timestamps.
 */
export function outboxSequence(lastUpdatedMs: number, tiebreak: number | string = 0): string {
  const tb = typeof tiebreak === 'number' ? String(tiebreak).padStart(15, '0') : tiebreak;
  return `${String(Math.max(0, Math.trunc(lastUpdatedMs))).padStart(15, '0')}.${tb}`;
}

const ledgerPosition = (msg: Pick<OutboxMessage, 'createdAt' | 'id'>) => `${msg.createdAt}#${msg.id}`;

export function toOutboxItem(msg: OutboxMessage): OutboxItem {
  const createdMs = Date.parse(msg.createdAt);
  return {
    ...msg,
    pk: outboxPartition(msg.objectKey),
    sk: messageSortKey(msg),
    gsi1pk: LEDGER_PARTITION,
    gsi1sk: ledgerPosition(msg),
    gsi2pk: UNFANNED_PARTITION,
    gsi2sk: `${msg.createdAt}#${msg.id}`,
    ttl: Math.floor((Number.isNaN(createdMs) ? Date.now() : createdMs) / 1000) + RETENTION_SECONDS,
  };
}

/** The outbox write to put in the same transaction as the stored object. */
export function outboxPutOp(msg: OutboxMessage): TransactOp {
  return { put: toOutboxItem(msg), condition: { expression: 'attribute_not_exists(pk)' } };
}

export function isOutboxMessageKey(key: { pk?: unknown; sk?: unknown }): boolean {
  return (
    typeof key.pk === 'string' &&
    key.pk.startsWith(OUTBOX_PK_PREFIX) &&
    typeof key.sk === 'string' &&
    key.sk.startsWith(MESSAGE_SK_PREFIX)
  );
}

/** The message held by a table item (e.g. a stream record's image); undefined for any other item. */
export function outboxMessageOfItem(
  keys: { pk?: unknown; sk?: unknown },
  image: Record<string, unknown> | undefined,
): OutboxMessage | undefined {
  if (!isOutboxMessageKey(keys) || !image || typeof image.objectKey !== 'string') return undefined;
  return toOutboxMessage(image as unknown as OutboxItem);
}

export function toOutboxMessage(item: OutboxItem): OutboxMessage {
  const {
    pk: _pk,
    sk: _sk,
    fanned_out_at: _f,
    deliveries: _d,
    gsi1pk: _l1,
    gsi1sk: _l2,
    gsi2pk: _g1,
    gsi2sk: _g2,
    ttl: _ttl,
    ...msg
  } = item;
  return msg;
}

/** Outbox messages of one tenant. */
export class OutboxRepository {
  constructor(private readonly table: TenantTable) {}

  /** Puts a message unless one with the same id and sequence exists; true when it was written. */
  async putIfAbsent(msg: OutboxMessage): Promise<boolean> {
    const op = outboxPutOp(msg) as { put: object; condition: { expression: string } };
    try {
      await this.table.put(op.put, op.condition);
      return true;
    } catch (err) {
      if (err instanceof ConditionFailedError) return false;
      throw err;
    }
  }

  /** One message of an object by its sort key (a delivery's `message_sk`). */
  async getMessage(objectKey: string, messageSk: string): Promise<OutboxItem | undefined> {
    return this.table.get<OutboxItem>({ pk: outboxPartition(objectKey), sk: messageSk });
  }

  /** Messages of one object after `cursor` (a message sort key), in sequence order. */
  async listAfter(objectKey: string, cursor: string | undefined, limit = 100): Promise<OutboxItem[]> {
    const page = await this.table.query<OutboxItem>({
      partition: outboxPartition(objectKey),
      sort: { between: [cursor ?? MESSAGE_SK_PREFIX, `${MESSAGE_SK_PREFIX}\uffff`] },
      consistent: true,
      limit: limit + 1,
    });
    return page.items.filter((i) => i.sk !== cursor).slice(0, limit);
  }

  /** Marks a message fanned out with what became of it at each receiver (one write per message). */
  async markFannedOut(
    item: Pick<OutboxItem, 'pk' | 'sk'>,
    at: string,
    deliveries: Record<string, LedgerEntry> = {},
  ): Promise<void> {
    await this.table.update(
      { pk: item.pk, sk: item.sk },
      { fanned_out_at: at, deliveries, gsi2pk: undefined, gsi2sk: undefined },
      { expression: 'attribute_exists(pk)' },
    );
  }

  /** Whether any message of the object was written after `sk` (a replay of `sk` would regress it). */
  async hasLaterMessage(objectKey: string, sk: string): Promise<boolean> {
    return (await this.listAfter(objectKey, sk, 1)).length > 0;
  }

  /** The ledger, newest message first, before `position` (exclusive). */
  async listLedger(opts: { before?: string; limit: number; startKey?: Item }) {
    return this.table.query<OutboxItem>({
      index: 'gsi1',
      partition: LEDGER_PARTITION,
      ...(opts.before ? { sort: { lt: opts.before } } : {}),
      descending: true,
      limit: opts.limit,
      startKey: opts.startKey,
    });
  }

  /** Messages created before `createdBefore` whose fan-out never happened (oldest first). */
  async listUnfanned(createdBefore: string, limit: number): Promise<OutboxItem[]> {
    const page = await this.table.query<OutboxItem>({
      index: 'gsi2',
      partition: UNFANNED_PARTITION,
      sort: { lt: createdBefore },
      limit,
    });
    return page.items;
  }
}
