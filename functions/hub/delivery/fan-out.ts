import { randomUUID } from 'node:crypto';
import type { Partner } from '../../domain/partner';
import type { DeliveryRepository } from '../../store/delivery.repository';
import { type OutboxItem, toOutboxMessage } from '../../store/outbox.repository';
import { LeaseHeldError } from '../../store/outbox-leases';
import type { TenantContext } from '../hub-runtime';
import type { DeliveryPolicy } from './delivery-policy';
import { receiversOf } from './fan-out-targets';

/** A lane: the deliveries of one object to one receiver, kept in sequence order. */
export interface LaneRef {
  objectKey: string;
  receiverKey: string;
}

/**
 * Turns the not-yet-fanned-out messages of one object into per-receiver pending deliveries, in
 * sequence order, under a lease so two workers never interleave. Streams order records per item
 * only, so the work is read back from the table instead of trusting record order. Returns the lanes
 * that got new deliveries.
 */
export async function fanOutObject(
  ctx: TenantContext,
  objectKey: string,
  policy: DeliveryPolicy,
): Promise<LaneRef[]> {
  const deliveries = ctx.store.deliveries;
  const outbox = ctx.store.outbox;
  const leases = ctx.store.outboxLeases;
  const owner = randomUUID();
  const lanes = new Map<string, LaneRef>();
  let directory: Awaited<ReturnType<typeof loadDirectory>> | undefined;
  // Loop: a message written while we held the lease found it taken and relies on us to pick it up.
  for (let round = 0; round < 5; round++) {
    let cursor: string | undefined;
    try {
      ({ cursor } = await leases.acquireFanOutLease(objectKey, owner, ctx.runtime.now(), policy.leaseMs));
    } catch (err) {
      if (err instanceof LeaseHeldError) break;
      throw err;
    }
    let pending: OutboxItem[];
    try {
      pending = await outbox.listAfter(objectKey, cursor);
      if (pending.length) directory ??= await loadDirectory(ctx);
      for (const item of pending) {
        await fanOutMessage(ctx, deliveries, item, directory as Directory, lanes);
        await outbox.markFannedOut(item, new Date(ctx.runtime.now()).toISOString());
        await leases.advanceFanOut(objectKey, owner, item.sk);
      }
    } finally {
      await leases.releaseFanOutLease(objectKey, owner);
    }
    if (!pending.length) break;
  }
  return [...lanes.values()];
}

type Directory = Awaited<ReturnType<typeof loadDirectory>>;

async function loadDirectory(ctx: TenantContext) {
  const [parties, partnerList] = await Promise.all([
    ctx.store.partners.listParties(),
    ctx.store.partners.list(),
  ]);
  return { parties, partners: new Map<string, Partner>(partnerList.map((p) => [p.id, p])) };
}

async function fanOutMessage(
  ctx: TenantContext,
  deliveries: DeliveryRepository,
  item: OutboxItem,
  directory: Directory,
  lanes: Map<string, LaneRef>,
): Promise<void> {
  const msg = toOutboxMessage(item);
  const receivers = receiversOf(msg, directory.parties, directory.partners);
  const at = new Date(ctx.runtime.now()).toISOString();
  for (const receiver of receivers) {
    await deliveries.createIfAbsent({
      objectKey: msg.objectKey,
      messageId: msg.id,
      messageSk: item.sk,
      sequence: msg.sequence,
      module: msg.module,
      method: msg.method,
      path: msg.pathSegments.join('/'),
      query: msg.query ? new URLSearchParams(msg.query).toString() : undefined,
      receiver,
      correlationId: msg.correlationId,
      at,
    });
    lanes.set(receiver.key, { objectKey: msg.objectKey, receiverKey: receiver.key });
  }
  ctx.log.debug('outbox message fanned out', {
    object_key: msg.objectKey,
    message_id: msg.id,
    receivers: receivers.length,
  });
}
