import { randomUUID } from 'node:crypto';
import {
  type DeliveryReceiver,
  type DeliveryRecord,
  type DeliveryStatus,
  decodeLedgerId,
  encodeLedgerId,
} from '../../store/delivery.repository';
import type { LedgerEntry, OutboxItem } from '../../store/outbox.repository';
import { LeaseHeldError } from '../../store/outbox-leases';
import type { TenantContext } from '../hub-runtime';
import { DEFAULT_DELIVERY_POLICY } from './delivery-policy';

export { FINAL_DELIVERY_STATUSES } from '../../store/delivery.repository';

export class DeliveryNotFoundError extends Error {}
/** The delivery cannot be replayed in its current state (still pending, superseded, or expired). */
export class DeliveryNotReplayableError extends Error {}

export interface DeliveryListQuery {
  partnerId?: string;
  status?: DeliveryStatus;
  limit: number;
  /** Opaque position from the previous page (`next_before`). */
  before?: string;
}

export function deliveryView(d: DeliveryRecord) {
  return {
    id: d.id,
    status: d.status,
    partner_id: d.receiver.partner_id,
    receiver: d.receiver.party ?? null,
    module: d.module,
    method: d.method,
    path: d.path,
    object_key: d.object_key,
    message_id: d.message_id,
    attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? d.next_attempt_at : null,
    last_error: d.last_error ?? null,
    last_http_status: d.last_http_status ?? null,
    last_ocpi_status: d.last_ocpi_status ?? null,
    version: d.version ?? null,
    correlation_id: d.correlation_id,
    created_at: d.created_at,
    updated_at: d.updated_at,
    replay_of: d.replay_of ?? null,
    note: d.note ?? null,
  };
}

const positionOf = (d: DeliveryRecord) => `${d.created_at}#${d.id}`;
/** Ledger pages read at most per listing: a rare partner is not hunted through all history. */
const MAX_LEDGER_PAGES = 10;

/**
 * Newest first; without a partner, every partner's. Two sources: the ledger of each message (what
 * happened at each receiver when it was fanned out) and the delivery records of receiver lanes
 * (what had to wait or be retried). A ledger entry that went to a lane ('queued') is shown by its
 * delivery record instead.
 */
export async function listDeliveries(ctx: TenantContext, q: DeliveryListQuery) {
  const repo = ctx.store.deliveries;
  const partnerIds = q.partnerId ? [q.partnerId] : (await ctx.store.partners.list()).map((p) => p.id);
  const [pages, ledger] = await Promise.all([
    Promise.all(
      partnerIds.map((id) => repo.listForPartner(id, { limit: q.limit, status: q.status, before: q.before })),
    ),
    q.status === 'pending' ? Promise.resolve([]) : ledgerRecords(ctx, q, new Set(partnerIds)),
  ]);
  const merged = [...pages.flat(), ...ledger]
    .sort((a, b) => positionOf(b).localeCompare(positionOf(a)))
    .slice(0, q.limit);
  const last = merged.at(-1);
  return {
    deliveries: merged.map(deliveryView),
    next_before: merged.length === q.limit && last ? positionOf(last) : null,
  };
}

async function ledgerRecords(
  ctx: TenantContext,
  q: DeliveryListQuery,
  partnerIds: Set<string>,
): Promise<DeliveryRecord[]> {
  const outbox = ctx.store.outbox;
  const out: DeliveryRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_LEDGER_PAGES && out.length < q.limit; page++) {
    const result = await outbox.listLedger({ before: q.before, limit: q.limit, startKey });
    for (const item of result.items) {
      for (const [receiverKey, entry] of Object.entries(item.deliveries ?? {})) {
        if (entry.status === 'queued' || !partnerIds.has(entry.partner_id)) continue;
        if (q.status && entry.status !== q.status) continue;
        out.push(ledgerRecord(item, receiverKey, entry));
      }
    }
    startKey = result.lastKey;
    if (!startKey) break;
  }
  return out;
}

/** A ledger entry in the shape of a delivery record (the admin API shows both alike). */
function ledgerRecord(item: OutboxItem, receiverKey: string, entry: LedgerEntry): DeliveryRecord {
  return {
    id: encodeLedgerId(item.objectKey, item.sk, receiverKey),
    object_key: item.objectKey,
    message_id: item.id,
    message_sk: item.sk,
    sequence: item.sequence,
    module: item.module,
    method: item.method,
    path: item.pathSegments.join('/'),
    ...(item.query ? { query: new URLSearchParams(item.query).toString() } : {}),
    receiver: {
      key: receiverKey,
      partner_id: entry.partner_id,
      ...(entry.party ? { party: entry.party } : {}),
    },
    status: entry.status as DeliveryStatus,
    attempts: entry.attempts,
    next_attempt_at: entry.at,
    correlation_id: item.correlationId,
    created_at: item.createdAt,
    updated_at: entry.at,
    ...(entry.last_error ? { last_error: entry.last_error } : {}),
    ...(entry.last_http_status ? { last_http_status: entry.last_http_status } : {}),
    ...(entry.last_ocpi_status ? { last_ocpi_status: entry.last_ocpi_status } : {}),
    ...(item.note ? { note: item.note } : {}),
    ...(entry.version ? { version: entry.version } : {}),
  };
}

async function findDelivery(ctx: TenantContext, id: string): Promise<DeliveryRecord | undefined> {
  const ledgerKey = decodeLedgerId(id);
  if (!ledgerKey) return ctx.store.deliveries.get(id);
  const item = await ctx.store.outbox.getMessage(ledgerKey.objectKey, ledgerKey.sk);
  const entry = item?.deliveries?.[ledgerKey.receiverKey];
  return item && entry ? ledgerRecord(item, ledgerKey.receiverKey, entry) : undefined;
}

/**
 * Sends a finished delivery's message to the same receiver again, queued behind whatever its lane
 * holds now. Replay never regresses the receiver (issue #12 item 4): a message of which a later one
 * of the same object exists is refused, since the receiver has (or is owed) that newer state. The
 * receiver is blocked for the object while the replay waits, so a message accepted meanwhile queues
 * behind it. The stream record of the new delivery starts it (delivery worker).
 */
export async function replayDelivery(ctx: TenantContext, id: string): Promise<DeliveryRecord> {
  const original = await findDelivery(ctx, id);
  if (!original) throw new DeliveryNotFoundError(`no delivery ${id.slice(0, 200)}`);
  if (original.status === 'pending') throw new DeliveryNotReplayableError('the delivery is still pending');
  const outbox = ctx.store.outbox;
  const message = await outbox.getMessage(original.object_key, original.message_sk);
  if (!message) throw new DeliveryNotReplayableError('the message has expired');
  const leases = ctx.store.outboxLeases;
  const owner = randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      const state = await leases.acquireFanOutLease(
        original.object_key,
        owner,
        ctx.runtime.now(),
        DEFAULT_DELIVERY_POLICY.leaseMs,
      );
      try {
        if (await outbox.hasLaterMessage(original.object_key, original.message_sk)) {
          throw new DeliveryNotReplayableError(
            'a later update of the same object exists; replaying this one would send the receiver an older state',
          );
        }
        const replay = await queueReplay(ctx, original);
        state.blocked[original.receiver.key] = (state.blocked[original.receiver.key] ?? 0) + 1;
        await leases.finishFanOut(original.object_key, owner, state);
        ctx.log.security('delivery_replayed', {
          delivery: original.id,
          partner: original.receiver.partner_id,
        });
        return replay;
      } catch (err) {
        await leases.releaseFanOutLease(original.object_key, owner);
        throw err;
      }
    } catch (err) {
      if (!(err instanceof LeaseHeldError) || attempt >= 20) {
        if (err instanceof LeaseHeldError)
          throw new DeliveryNotReplayableError('the object is being delivered; retry');
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function queueReplay(ctx: TenantContext, original: DeliveryRecord): Promise<DeliveryRecord> {
  const now = ctx.runtime.now();
  // The receiver's current state decides; a replay is an operator's explicit choice.
  const receiver: DeliveryReceiver = { ...original.receiver, since: undefined };
  const replay = await ctx.store.deliveries.createIfAbsent({
    objectKey: original.object_key,
    messageId: original.message_id,
    messageSk: original.message_sk,
    // Right after the original in the lane, before any later message of the object (whose
    // sequence is higher) and after the lane's cursor (at most the original's position).
    sequence: `${original.sequence}.replay-${String(now).padStart(15, '0')}`,
    module: original.module,
    method: original.method,
    path: original.path,
    query: original.query,
    receiver,
    correlationId: original.correlation_id,
    at: new Date(now).toISOString(),
    replayOf: original.id,
    ...(original.note ? { note: original.note } : {}),
  });
  if (!replay) throw new DeliveryNotReplayableError('a replay was just queued');
  return replay;
}
