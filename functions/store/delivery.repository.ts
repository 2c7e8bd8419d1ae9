import type { PartyRoleName } from '../domain/partner';
import { outboxPartition } from './outbox.repository';
import { LeaseHeldError, laneLeaseKey } from './outbox-leases';
import { ConditionFailedError } from './store-errors';
import type { Item, TenantTable } from './tenant-table';

export type DeliveryStatus = 'pending' | 'delivered' | 'superseded' | 'skipped' | 'failed';
export const FINAL_DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  'delivered',
  'superseded',
  'skipped',
  'failed',
];

/** Who a delivery goes to: one party (functional modules) or one partner platform (hubclientinfo). */
export interface DeliveryReceiver {
  /** Lane key: `CC*PID*ROLE` of a party, or `PARTNER*<id>`. */
  key: string;
  partner_id: string;
  party?: { country_code: string; party_id: string; role: PartyRoleName };
  /** The party's (or partner's) ClientInfo last_updated at fan-out: a later change means it re-syncs by GET. */
  since?: string;
}

/** One message owed to one receiver; its lane (object x receiver) is delivered strictly in sequence order. */
export interface DeliveryRecord {
  /** Opaque id for the admin API (encodes the item key). */
  id: string;
  object_key: string;
  message_id: string;
  message_sk: string;
  sequence: string;
  module: string;
  method: string;
  path: string;
  query?: string;
  receiver: DeliveryReceiver;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  correlation_id: string;
  created_at: string;
  updated_at: string;
  last_error?: string;
  last_http_status?: number;
  last_ocpi_status?: number;
  /** The OCPI version of the last attempt (the receiver's negotiated version). */
  version?: string;
  replay_of?: string;
  /** Why the hub sent this on its own account (the message's note, e.g. a synthesized TIMEOUT). */
  note?: string;
}

type DeliveryItem = DeliveryRecord & {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk?: string;
  gsi2sk?: string;
  ttl?: number;
};

const LANE_PREFIX = 'LANE#';
/** Pending deliveries are spread over a few index partitions so a busy hub has no hot key. */
const DUE_SHARDS = 4;
const RETENTION_SECONDS = 14 * 24 * 3600;

const lanePrefix = (receiverKey: string) => `${LANE_PREFIX}${receiverKey}#`;
const deliveriesPartition = (partnerId: string) => `DELIVERIES#${partnerId}`;

function dueShard(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `DLVDUE#${h % DUE_SHARDS}`;
}

function encodeDeliveryId(objectKey: string, sk: string): string {
  return Buffer.from(JSON.stringify([objectKey, sk]), 'utf8').toString('base64url');
}

/** A ledger entry (a message at one receiver, fanned out at once) has its own id. */
export function encodeLedgerId(objectKey: string, messageSk: string, receiverKey: string): string {
  return Buffer.from(JSON.stringify([objectKey, messageSk, receiverKey]), 'utf8').toString('base64url');
}

export function decodeLedgerId(
  id: string,
): { pk: string; sk: string; objectKey: string; receiverKey: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [objectKey, sk, receiverKey] = value;
    if (typeof objectKey !== 'string' || typeof sk !== 'string' || typeof receiverKey !== 'string')
      return undefined;
    if (!sk.startsWith('MSG#')) return undefined;
    return { pk: outboxPartition(objectKey), sk, objectKey, receiverKey };
  } catch {
    return undefined;
  }
}

/** undefined for anything that is not a delivery id (the admin API answers 404). */
function decodeDeliveryId(id: string): { pk: string; sk: string; objectKey: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [objectKey, sk] = value;
    if (typeof objectKey !== 'string' || typeof sk !== 'string' || !sk.startsWith(LANE_PREFIX))
      return undefined;
    return { pk: outboxPartition(objectKey), sk, objectKey };
  } catch {
    return undefined;
  }
}

export interface NewDelivery {
  objectKey: string;
  messageId: string;
  messageSk: string;
  /** Lane position; a replay takes a fresh one so it queues behind what the lane already holds. */
  sequence: string;
  module: string;
  method: string;
  path: string;
  query?: string;
  receiver: DeliveryReceiver;
  correlationId: string;
  at: string;
  replayOf?: string;
  note?: string;
  /** A first attempt already made by the fan-out (it failed; the lane retries it). */
  firstAttempt?: {
    nextAttemptAt: string;
    lastError?: string;
    lastHttpStatus?: number;
    lastOcpiStatus?: number;
  };
}

function toItem(record: DeliveryRecord, sk: string): DeliveryItem {
  const pending = record.status === 'pending';
  return {
    ...record,
    pk: outboxPartition(record.object_key),
    sk,
    gsi1pk: deliveriesPartition(record.receiver.partner_id),
    gsi1sk: `${record.created_at}#${record.id}`,
    // Sparse index: only pending deliveries are in it, sorted by when they are due.
    ...(pending ? { gsi2pk: dueShard(record.id), gsi2sk: `${record.next_attempt_at}#${record.id}` } : {}),
    ...(pending ? {} : { ttl: Math.floor(Date.parse(record.updated_at) / 1000) + RETENTION_SECONDS }),
  };
}

function fromItem(item: DeliveryItem): DeliveryRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ttl: _t, ...record } = item;
  return record;
}

/** The delivery held by a table item (e.g. a stream record's image); undefined for any other item. */
export function deliveryOfItem(keys: { sk?: unknown }, image: Item | undefined): DeliveryRecord | undefined {
  if (typeof keys.sk !== 'string' || !keys.sk.startsWith(LANE_PREFIX) || !image) return undefined;
  return fromItem(image as unknown as DeliveryItem);
}

export const laneSortKey = (d: Pick<DeliveryRecord, 'id'>) => decodeDeliveryId(d.id)?.sk ?? '';

/** Per-receiver delivery state; finishing one moves its lane's cursor (outbox-leases.ts). */
export class DeliveryRepository {
  constructor(private readonly table: TenantTable) {}

  /** Creates a pending delivery unless it exists (a re-run fan-out must not resurrect a finished one). */
  async createIfAbsent(input: NewDelivery): Promise<DeliveryRecord | undefined> {
    const sk = `${lanePrefix(input.receiver.key)}${input.sequence}#${input.messageId}`;
    const record: DeliveryRecord = {
      id: encodeDeliveryId(input.objectKey, sk),
      object_key: input.objectKey,
      message_id: input.messageId,
      message_sk: input.messageSk,
      sequence: input.sequence,
      module: input.module,
      method: input.method,
      path: input.path,
      ...(input.query ? { query: input.query } : {}),
      receiver: input.receiver,
      status: 'pending',
      attempts: input.firstAttempt ? 1 : 0,
      next_attempt_at: input.firstAttempt?.nextAttemptAt ?? input.at,
      ...(input.firstAttempt?.lastError ? { last_error: input.firstAttempt.lastError } : {}),
      ...(input.firstAttempt?.lastHttpStatus ? { last_http_status: input.firstAttempt.lastHttpStatus } : {}),
      ...(input.firstAttempt?.lastOcpiStatus ? { last_ocpi_status: input.firstAttempt.lastOcpiStatus } : {}),
      correlation_id: input.correlationId,
      created_at: input.at,
      updated_at: input.at,
      ...(input.replayOf ? { replay_of: input.replayOf } : {}),
      ...(input.note ? { note: input.note } : {}),
    };
    try {
      await this.table.put(toItem(record, sk), { expression: 'attribute_not_exists(pk)' });
      return record;
    } catch (err) {
      if (err instanceof ConditionFailedError) return undefined;
      throw err;
    }
  }

  async get(id: string): Promise<DeliveryRecord | undefined> {
    const key = decodeDeliveryId(id);
    if (!key) return undefined;
    const item = await this.table.get<DeliveryItem>({ pk: key.pk, sk: key.sk });
    return item ? fromItem(item) : undefined;
  }

  /** Unfinished deliveries of one lane after its cursor, in sequence order (strongly consistent). */
  async pendingInLane(objectKey: string, receiverKey: string, cursor: string | undefined, limit = 50) {
    const prefix = lanePrefix(receiverKey);
    const page = await this.table.query<DeliveryItem>({
      partition: outboxPartition(objectKey),
      sort: { between: [cursor && cursor > prefix ? cursor : prefix, `${prefix}\uffff`] },
      consistent: true,
      limit: limit + 1,
    });
    return page.items
      .filter((i) => i.sk !== cursor && i.status === 'pending')
      .slice(0, limit)
      .map(fromItem);
  }

  /** Records a failed attempt and when to try again; the lane lease stays with the caller. */
  async reschedule(record: DeliveryRecord): Promise<void> {
    const sk = laneSortKey(record);
    await this.table.put(toItem(record, sk), { expression: 'attribute_exists(pk)' });
  }

  /** Writes the final state and moves the lane cursor past it, both only while `owner` holds the lease. */
  async finish(
    record: DeliveryRecord,
    receiverKey: string,
    owner: string,
    leaseUntil: number,
  ): Promise<void> {
    const sk = laneSortKey(record);
    const lease = {
      ...laneLeaseKey(record.object_key, receiverKey),
      cursor: sk,
      lease_owner: owner,
      lease_until: leaseUntil,
    };
    try {
      await this.table.transact([
        { put: toItem(record, sk), condition: { expression: 'attribute_exists(pk)' } },
        {
          put: lease,
          condition: { expression: 'lease_owner = :o', values: { ':o': owner } },
        },
      ]);
    } catch (err) {
      if (err instanceof ConditionFailedError) throw new LeaseHeldError('lane lease lost');
      throw err;
    }
  }

  /** Pending deliveries due before `dueBefore` (ISO), oldest first, across all index shards. */
  async listDue(dueBefore: string, limitPerShard: number): Promise<DeliveryRecord[]> {
    const out: DeliveryRecord[] = [];
    for (let shard = 0; shard < DUE_SHARDS; shard++) {
      const page = await this.table.query<DeliveryItem>({
        index: 'gsi2',
        partition: `DLVDUE#${shard}`,
        sort: { lt: dueBefore },
        limit: limitPerShard,
      });
      out.push(...page.items.map(fromItem));
    }
    return out;
  }

  /** Newest first, at most `limit`; `status` is filtered while reading, so a page may hold fewer. */
  async listForPartner(
    partnerId: string,
    opts: { limit: number; status?: DeliveryStatus; before?: string },
  ): Promise<DeliveryRecord[]> {
    const out: DeliveryRecord[] = [];
    let startKey: Item | undefined;
    let pages = 0;
    do {
      const page = await this.table.query<DeliveryItem>({
        index: 'gsi1',
        partition: deliveriesPartition(partnerId),
        ...(opts.before ? { sort: { lt: opts.before } } : {}),
        descending: true,
        limit: opts.limit,
        startKey,
      });
      for (const item of page.items) {
        if (!opts.status || item.status === opts.status) out.push(fromItem(item));
      }
      startKey = page.lastKey;
      pages += 1;
      // Bounded: a rare status is not hunted through a partner's whole history.
    } while (startKey && out.length < opts.limit && pages < 10);
    return out.slice(0, opts.limit);
  }
}
