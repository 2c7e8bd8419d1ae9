import { randomUUID } from 'node:crypto';
import type { Partner } from '../../domain/partner';
import {
  type DeliveryRecord,
  type DeliveryRepository,
  type DeliveryStatus,
  laneSortKey,
} from '../../store/delivery.repository';
import { toOutboxMessage } from '../../store/outbox.repository';
import { type FanOutState, LeaseHeldError } from '../../store/outbox-leases';
import type { TenantContext } from '../hub-runtime';
import { recordCdrDelivery } from './cdr-delivery-state';
import { type DeliveryPolicy, retryDelayMs } from './delivery-policy';
import { countDelivery, deadLettered, sendToReceiver } from './delivery-send';
import type { LaneRef } from './fan-out';
import { deadLettersAfterRetries, isStoreAndForward } from './fan-out-targets';
import type { ReceiverHealth } from './receiver-health';
import { supersededWithin } from './superseding';

export interface LaneRunOptions {
  policy: DeliveryPolicy;
  /** Told who answered and who did not, so the fan-out stops trying a failing receiver. */
  health?: ReceiverHealth;
  /** Checked before each send: a stopping worker leaves the rest to the next one. */
  stopping?: () => boolean;
}

/**
 * Delivers one lane (one object to one receiver) strictly in sequence order: the next message is
 * sent only once the previous one is delivered, superseded or given up. A failure schedules a retry
 * with backoff and ends the run; the sweep (delivery-retry job) resumes the lane when it is due.
 */
export async function runLane(ctx: TenantContext, lane: LaneRef, opts: LaneRunOptions): Promise<void> {
  const deliveries = ctx.store.deliveries;
  const leases = ctx.store.outboxLeases;
  const owner = randomUUID();
  const { policy } = opts;
  // Loop: a delivery added while we held the lease found it taken and relies on us.
  for (let round = 0; round < 3; round++) {
    let cursor: string | undefined;
    try {
      ({ cursor } = await leases.acquireLaneLease(
        lane.objectKey,
        lane.receiverKey,
        owner,
        ctx.runtime.now(),
        policy.leaseMs,
      ));
    } catch (err) {
      if (err instanceof LeaseHeldError) return;
      throw err;
    }
    let run: DrainResult;
    try {
      run = await drainLane(ctx, deliveries, lane, owner, cursor, opts);
    } catch (err) {
      if (err instanceof LeaseHeldError) return;
      throw err;
    } finally {
      await leases.releaseLaneLease(lane.objectKey, lane.receiverKey, owner);
    }
    if (!run.dry) return;
    // Drained: new messages for this object may go to the receiver directly again.
    if (await unblockDrainedLane(ctx, deliveries, lane, run.cursor, opts.policy)) return;
    if (!run.worked && round > 0) return;
  }
}

/**
 * Removes the receiver from the object's blocked set if its lane is still empty, under the fan-out
 * lease (a fan-out queues behind a blocked receiver only while holding it, so nothing can slip in
 * between the check and the removal). false: the lane got new deliveries, or a fan-out holds the
 * lease (it queued behind us and returned the lane to be run again).
 */
async function unblockDrainedLane(
  ctx: TenantContext,
  deliveries: DeliveryRepository,
  lane: LaneRef,
  cursor: string | undefined,
  policy: DeliveryPolicy,
): Promise<boolean> {
  const leases = ctx.store.outboxLeases;
  const owner = randomUUID();
  let state: FanOutState;
  try {
    state = await leases.acquireFanOutLease(lane.objectKey, owner, ctx.runtime.now(), policy.leaseMs);
  } catch (err) {
    if (err instanceof LeaseHeldError) return false;
    throw err;
  }
  let drained = true;
  try {
    if (state.blocked[lane.receiverKey] === undefined) return true;
    drained = (await deliveries.pendingInLane(lane.objectKey, lane.receiverKey, cursor)).length === 0;
    if (drained) delete state.blocked[lane.receiverKey];
  } finally {
    await leases.finishFanOut(lane.objectKey, owner, state);
  }
  return drained;
}

/** dry: nothing left that is due (look once more after releasing the lease: a newcomer may wait). */
type DrainResult = { dry: boolean; worked: boolean; cursor?: string };

async function drainLane(
  ctx: TenantContext,
  deliveries: DeliveryRepository,
  lane: LaneRef,
  owner: string,
  startCursor: string | undefined,
  opts: LaneRunOptions,
): Promise<DrainResult> {
  const { policy } = opts;
  const outbox = ctx.store.outbox;
  const leases = ctx.store.outboxLeases;
  let cursor = startCursor;
  let worked = false;
  for (;;) {
    const pending = await deliveries.pendingInLane(lane.objectKey, lane.receiverKey, cursor);
    const first = pending[0];
    if (!first) return { dry: true, worked, cursor };
    const now = ctx.runtime.now();
    const leaseUntil = now + policy.leaseMs;
    const finish = async (status: DeliveryStatus, fields: Partial<DeliveryRecord> = {}) => {
      const at = new Date(ctx.runtime.now()).toISOString();
      await deliveries.finish(
        { ...first, ...fields, status, updated_at: at },
        lane.receiverKey,
        owner,
        leaseUntil,
      );
      cursor = laneSortKey(first);
      worked = true;
      ctx.log.debug('delivery finished', { delivery: first.id, status, receiver: lane.receiverKey });
    };
    if (Date.parse(first.next_attempt_at) > now) return { dry: false, worked };
    if (supersededWithin(first, pending.slice(1))) {
      await finish('superseded');
      continue;
    }
    const partner = await ctx.store.partners.get(first.receiver.partner_id);
    const owed = isStoreAndForward(first.module);
    const gone = await receiverGone(ctx, first, partner, owed);
    if (gone && owed && /is OFFLINE$/.test(gone)) {
      // Billing data waits for its receiver to come back (it is not re-synced by a GET).
      await deliveries.reschedule({
        ...first,
        next_attempt_at: new Date(now + policy.maxDelayMs).toISOString(),
        last_error: gone,
        updated_at: new Date(now).toISOString(),
      });
      return { dry: false, worked: true };
    }
    if (gone) {
      // OFFLINE and SUSPENDED parties get nothing queued: they re-sync by GET (ocpi-notes §1.8, §3.5).
      await finish(owed ? 'failed' : 'skipped', { last_error: gone });
      if (owed) await deadLetter(ctx, first, gone);
      continue;
    }
    const item = await outbox.getMessage(first.object_key, first.message_sk);
    if (!item) {
      await finish('failed', { last_error: 'message expired' });
      continue;
    }
    const changedAfter = owed ? undefined : await statusChangedAfter(ctx, first, item.createdAt);
    if (changedAfter) {
      await finish('skipped', { last_error: changedAfter });
      continue;
    }
    if (opts.stopping?.()) return { dry: false, worked };
    await leases.acquireLaneLease(lane.objectKey, lane.receiverKey, owner, ctx.runtime.now(), policy.leaseMs);
    const outcome = await sendToReceiver(ctx, toOutboxMessage(item), first.receiver, partner as Partner);
    const attempts = first.attempts + 1;
    const details = {
      attempts,
      last_error: outcome.error,
      last_http_status: outcome.httpStatus,
      last_ocpi_status: outcome.ocpiStatus,
      version: outcome.version,
    };
    if (outcome.result === 'delivered') {
      opts.health?.answered(lane.receiverKey);
      await finish('delivered', details);
      continue;
    }
    if (outcome.result === 'retry') opts.health?.failed(lane.receiverKey);
    const record = deadLettersAfterRetries(first.module, first.method);
    if (outcome.result === 'rejected' || (record && attempts >= policy.maxAttempts)) {
      ctx.log.warn('delivery given up', {
        delivery: first.id,
        partner: first.receiver.partner_id,
        attempts,
        reason: outcome.error,
      });
      await finish('failed', details);
      // A refused CDR is recorded REFUSED by the attempt itself.
      if (owed) await deadLetter(ctx, first, outcome.error, outcome.result !== 'rejected');
      continue;
    }
    if (attempts === policy.maxAttempts) {
      // Retries used up: the update stays owed (no silent staleness, issue #12 item 7) and is tried
      // every maxDelay until the receiver answers, is superseded, or goes OFFLINE (then it re-syncs).
      ctx.log.warn('delivery owed to a receiver that keeps failing', {
        delivery: first.id,
        partner: first.receiver.partner_id,
        attempts,
        reason: outcome.error,
      });
    }
    const at = ctx.runtime.now();
    await deliveries.reschedule({
      ...first,
      ...details,
      next_attempt_at: new Date(at + retryDelayMs(attempts, policy)).toISOString(),
      updated_at: new Date(at).toISOString(),
    });
    countDelivery(ctx, 'DeliveriesRetried');
    ctx.log.info('delivery will be retried', {
      delivery: first.id,
      partner: first.receiver.partner_id,
      attempts,
      reason: outcome.error,
    });
    return { dry: false, worked: true };
  }
}

/** The alarm hook for store-and-forward data the hub could not deliver (delivery-send.ts). */
async function deadLetter(
  ctx: TenantContext,
  delivery: DeliveryRecord,
  reason: string | undefined,
  recordState = true,
): Promise<void> {
  if (recordState) {
    await recordCdrDelivery(
      ctx,
      { module: delivery.module, objectKey: delivery.object_key },
      'DEAD_LETTERED',
    );
  }
  deadLettered(ctx, {
    delivery: delivery.id,
    module: delivery.module,
    partner: delivery.receiver.partner_id,
    reason,
  });
}

/**
 * Why the receiver may no longer be pushed to, or undefined when it still may. Store-and-forward data
 * ignores a reconnection since the fan-out (nothing is re-synced by GET for it).
 */
async function receiverGone(
  ctx: TenantContext,
  delivery: DeliveryRecord,
  partner: Partner | undefined,
  owed = false,
): Promise<string | undefined> {
  if (partner?.status !== 'CONNECTED') return `receiver platform is ${partner?.status ?? 'gone'}`;
  const wanted = delivery.receiver.party;
  if (!wanted) return undefined;
  const party = await ctx.store.partners.getParty(wanted);
  if (party?.status !== 'CONNECTED') return `receiver party is ${party?.status ?? 'gone'}`;
  // Its status changed since the fan-out (e.g. OFFLINE and back): it pulls what it missed instead.
  if (!owed && delivery.receiver.since && party.last_updated !== delivery.receiver.since) {
    return 'receiver reconnected since the update';
  }
  return undefined;
}

/**
 * Re-checked right before the send, against the message itself rather than the fan-out's view: the
 * fan-out reads the party list from an eventually consistent index, so its `since` may predate an
 * OFFLINE spell. A party whose status changed after the message was accepted was OFFLINE (or not
 * there) at the time and pulls what it missed instead (ocpi-notes §1.8, §3.5).
 */
async function statusChangedAfter(
  ctx: TenantContext,
  delivery: DeliveryRecord,
  createdAt: string,
): Promise<string | undefined> {
  const wanted = delivery.receiver.party;
  if (!wanted) return undefined;
  const party = await ctx.store.partners.getParty(wanted);
  const changed = party ? Date.parse(party.last_updated) : Number.NaN;
  const created = Date.parse(createdAt);
  if (Number.isNaN(changed) || Number.isNaN(created) || changed <= created) return undefined;
  return 'receiver status changed after the update was accepted';
}
