import type { DeliveryRecord, DeliveryStatus } from '../../store/delivery.repository';
import { outboxSequence } from '../../store/outbox.repository';
import type { TenantContext } from '../hub-runtime';

export class DeliveryNotFoundError extends Error {}
/** The delivery cannot be replayed in its current state (still pending, or its message expired). */
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
    correlation_id: d.correlation_id,
    created_at: d.created_at,
    updated_at: d.updated_at,
    replay_of: d.replay_of ?? null,
  };
}

const positionOf = (d: DeliveryRecord) => `${d.created_at}#${d.id}`;

/** Newest first; without a partner, the newest of every partner's deliveries merged. */
export async function listDeliveries(ctx: TenantContext, q: DeliveryListQuery) {
  const repo = ctx.store.deliveries;
  const partnerIds = q.partnerId ? [q.partnerId] : (await ctx.store.partners.list()).map((p) => p.id);
  const pages = await Promise.all(
    partnerIds.map((id) => repo.listForPartner(id, { limit: q.limit, status: q.status, before: q.before })),
  );
  const merged = pages
    .flat()
    .sort((a, b) => positionOf(b).localeCompare(positionOf(a)))
    .slice(0, q.limit);
  const last = merged.at(-1);
  return {
    deliveries: merged.map(deliveryView),
    next_before: merged.length === q.limit && last ? positionOf(last) : null,
  };
}

/**
 * Sends a finished delivery's message to the same receiver again, queued behind whatever its lane
 * holds now. The stream record of the new delivery starts it (delivery worker).
 */
export async function replayDelivery(ctx: TenantContext, id: string): Promise<DeliveryRecord> {
  const repo = ctx.store.deliveries;
  const original = await repo.get(id);
  if (!original) throw new DeliveryNotFoundError(`no delivery ${id.slice(0, 200)}`);
  if (original.status === 'pending') throw new DeliveryNotReplayableError('the delivery is still pending');
  const message = await ctx.store.outbox.getMessage(original.object_key, original.message_sk);
  if (!message) throw new DeliveryNotReplayableError('the message has expired');
  const now = ctx.runtime.now();
  const replay = await repo.createIfAbsent({
    objectKey: original.object_key,
    messageId: original.message_id,
    messageSk: original.message_sk,
    sequence: outboxSequence(now, `replay-${original.sequence}`),
    module: original.module,
    method: original.method,
    path: original.path,
    query: original.query,
    // The receiver's current state decides; a replay is an operator's explicit choice.
    receiver: { ...original.receiver, since: undefined },
    correlationId: original.correlation_id,
    at: new Date(now).toISOString(),
    replayOf: original.id,
  });
  if (!replay) throw new DeliveryNotReplayableError('a replay was just queued');
  ctx.log.security('delivery_replayed', { delivery: original.id, partner: original.receiver.partner_id });
  return replay;
}
