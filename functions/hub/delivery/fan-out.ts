import { randomUUID } from 'node:crypto';
import type { Partner } from '../../domain/partner';
import type { DeliveryReceiver } from '../../store/delivery.repository';
import {
  type LedgerEntry,
  type OutboxItem,
  type OutboxMessage,
  toOutboxMessage,
} from '../../store/outbox.repository';
import { type FanOutState, LeaseHeldError, type OutboxLeases } from '../../store/outbox-leases';
import type { TenantContext } from '../hub-runtime';
import { recordCdrDelivery } from './cdr-delivery-state';
import { type DeliveryPolicy, retryDelayMs } from './delivery-policy';
import { countDelivery, deadLettered, type SendOutcome, sendToReceiver } from './delivery-send';
import type { Directory, DirectoryCache } from './directory-cache';
import { isStoreAndForward, receiversOf, whyNoReceiver } from './fan-out-targets';
import type { ReceiverHealth } from './receiver-health';
import { isSupersededBy } from './superseding';

/** A lane: the deliveries of one object to one receiver, kept in sequence order. */
export interface LaneRef {
  objectKey: string;
  receiverKey: string;
}

export interface FanOutDeps {
  policy: DeliveryPolicy;
  directory: DirectoryCache;
  health: ReceiverHealth;
  /** Checked before each message: a stopping worker leaves the rest to the next one. */
  stopping?: () => boolean;
}

/**
 * Delivers the messages of one object that have not been fanned out yet, in sequence order, under
 * the object's fan-out lease (streams order records per item only, so the work is read back from the
 * table). Each message goes straight to every receiver that is not blocked, in parallel; only what
 * fails or must wait becomes a pending delivery in the receiver's lane (lane-runner.ts), and the
 * receiver stays blocked for this object until its lane is drained, so per-object, per-receiver order
 * holds. The bookkeeping is one write per message (its ledger) plus the lease taken and released:
 * lanes, leases per lane and delivery records cost only when a receiver fails (issue #12).
 * Returns the lanes that got deliveries queued behind others and may be due now.
 */
export async function fanOutObject(
  ctx: TenantContext,
  objectKey: string,
  deps: FanOutDeps,
): Promise<LaneRef[]> {
  const outbox = ctx.store.outbox;
  const leases = ctx.store.outboxLeases;
  const owner = randomUUID();
  const lanes = new Map<string, LaneRef>();
  // Loop while a full page was read; a message written while we held the lease is picked up by its
  // own stream record, which waits for the lease (below), or by the sweep.
  for (let round = 0; round < 5; round++) {
    let state: FanOutState;
    try {
      state = await acquireWaiting(ctx, leases, objectKey, owner, deps);
    } catch (err) {
      if (err instanceof LeaseHeldError) break;
      throw err;
    }
    let pending: OutboxItem[] = [];
    let lost = false;
    try {
      pending = await outbox.listAfter(objectKey, state.cursor, PAGE);
      if (pending.length) {
        const directory = await deps.directory.get(ctx);
        let leaseFrom = ctx.runtime.now();
        for (const [i, item] of pending.entries()) {
          if (deps.stopping?.()) break;
          // A slow fan-out renews its lease well before it runs out (a write only when it is slow).
          if (ctx.runtime.now() - leaseFrom > deps.policy.leaseMs / 3) {
            leaseFrom = ctx.runtime.now();
            try {
              await leases.renewFanOut(objectKey, owner, state, leaseFrom, deps.policy.leaseMs);
            } catch (err) {
              // Another worker took the object over: it carries on from the saved cursor.
              if (!(err instanceof LeaseHeldError)) throw err;
              lost = true;
              break;
            }
          }
          const ledger = await fanOutMessage(ctx, item, pending.slice(i + 1), directory, state, lanes, deps);
          await outbox.markFannedOut(item, new Date(ctx.runtime.now()).toISOString(), ledger);
          state.cursor = item.sk;
        }
      }
    } finally {
      if (!lost) await leases.finishFanOut(objectKey, owner, state);
    }
    if (lost || pending.length < PAGE || deps.stopping?.()) break;
  }
  return [...lanes.values()];
}

const PAGE = 100;
/** How long a fan-out waits for another one of the same object to finish before leaving it the work. */
const LEASE_WAITS_MS = [20, 50, 100, 200, 400, 800];

/**
 * The fan-out lease, waiting a little when another worker holds it: that holder may have read the
 * object's messages before ours was written. Past the waits the holder or the sweep takes it.
 */
async function acquireWaiting(
  ctx: TenantContext,
  leases: OutboxLeases,
  objectKey: string,
  owner: string,
  deps: FanOutDeps,
): Promise<FanOutState> {
  for (const wait of [...LEASE_WAITS_MS, undefined]) {
    try {
      return await leases.acquireFanOutLease(objectKey, owner, ctx.runtime.now(), deps.policy.leaseMs);
    } catch (err) {
      if (!(err instanceof LeaseHeldError) || wait === undefined || deps.stopping?.()) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  throw new LeaseHeldError('lease held');
}

/** One message to all its receivers at once; returns what became of it at each (its ledger). */
async function fanOutMessage(
  ctx: TenantContext,
  item: OutboxItem,
  later: readonly OutboxItem[],
  directory: Directory,
  state: FanOutState,
  lanes: Map<string, LaneRef>,
  deps: FanOutDeps,
): Promise<Record<string, LedgerEntry>> {
  const msg = toOutboxMessage(item);
  let receivers = receiversOf(msg, directory.parties, directory.partners);
  const ledger: Record<string, LedgerEntry> = {};
  if (receivers.length === 0 && msg.kind === 'direct' && isStoreAndForward(msg.module)) {
    // Stored for one party: a directory cached from before it connected must not lose it.
    directory = await deps.directory.fresh(ctx);
    receivers = receiversOf(msg, directory.parties, directory.partners);
    if (receivers.length === 0) {
      await recordCdrDelivery(ctx, msg, 'DEAD_LETTERED');
      return undeliverable(ctx, msg, directory);
    }
  }
  const deliveries = ctx.store.deliveries;
  const at = () => new Date(ctx.runtime.now()).toISOString();
  const entry = (receiver: DeliveryReceiver, fields: Pick<LedgerEntry, 'status' | 'attempts'>) => ({
    partner_id: receiver.partner_id,
    ...(receiver.party ? { party: receiver.party } : {}),
    at: at(),
    ...fields,
  });
  const queue = async (receiver: DeliveryReceiver, failed?: SendOutcome) => {
    await deliveries.createIfAbsent({
      ...deliveryOf(msg, item, receiver, at()),
      ...(failed
        ? {
            firstAttempt: {
              nextAttemptAt: new Date(ctx.runtime.now() + retryDelayMs(1, deps.policy)).toISOString(),
              lastError: failed.error,
              lastHttpStatus: failed.httpStatus,
              lastOcpiStatus: failed.ocpiStatus,
            },
          }
        : {}),
    });
    state.blocked[receiver.key] = (state.blocked[receiver.key] ?? 0) + 1;
    if (!failed) lanes.set(receiver.key, { objectKey: msg.objectKey, receiverKey: receiver.key });
  };
  const laterFor = laterMessagesByReceiver(later, directory);
  await Promise.all(
    receivers.map(async (receiver) => {
      const key = receiver.key;
      if (laterFor(key).some((next) => supersedes(next, msg))) {
        ledger[key] = entry(receiver, { status: 'superseded', attempts: 0 });
        return;
      }
      const away = receiverAway(receiver, directory);
      if (state.blocked[key] !== undefined || !deps.health.available(key) || away) {
        await queue(receiver);
        ledger[key] = entry(receiver, { status: 'queued', attempts: 0 });
        return;
      }
      const partner = directory.partners.get(receiver.partner_id) as Partner;
      const outcome = await sendToReceiver(ctx, msg, receiver, partner, {
        // A broadcast does not wait long for one receiver: its lane retries with the full timeout.
        timeoutMs:
          msg.kind === 'broadcast'
            ? Math.min(deps.policy.fanOutTimeoutMs, ctx.tenant.outbound.timeoutMs)
            : undefined,
      });
      const details = {
        ...(outcome.error ? { last_error: outcome.error } : {}),
        ...(outcome.httpStatus ? { last_http_status: outcome.httpStatus } : {}),
        ...(outcome.ocpiStatus ? { last_ocpi_status: outcome.ocpiStatus } : {}),
        ...(outcome.version ? { version: outcome.version } : {}),
      };
      if (outcome.result === 'retry') {
        deps.health.failed(key);
        await queue(receiver, outcome);
        countDelivery(ctx, 'DeliveriesRetried');
        ledger[key] = { ...entry(receiver, { status: 'queued', attempts: 1 }), ...details };
        ctx.log.info('delivery will be retried', { partner: receiver.partner_id, reason: outcome.error });
        return;
      }
      deps.health.answered(key);
      const status = outcome.result === 'delivered' ? 'delivered' : 'failed';
      if (status === 'failed') {
        ctx.log.warn('delivery refused by the receiver', {
          partner: receiver.partner_id,
          reason: outcome.error,
        });
      }
      ledger[key] = { ...entry(receiver, { status, attempts: 1 }), ...details };
    }),
  );
  ctx.log.debug('outbox message fanned out', {
    object_key: msg.objectKey,
    message_id: msg.id,
    receivers: receivers.length,
  });
  return ledger;
}

/** The ledger of a message stored for a party that cannot receive it: failed, saying why. */
function undeliverable(ctx: TenantContext, msg: OutboxMessage, directory: Directory) {
  const why = whyNoReceiver(msg, directory.parties, directory.partners);
  deadLettered(ctx, { module: msg.module, partner: why.partnerId, reason: why.reason });
  const entry: LedgerEntry = {
    partner_id: why.partnerId,
    ...(msg.target ? { party: msg.target } : {}),
    status: 'failed',
    attempts: 0,
    at: new Date(ctx.runtime.now()).toISOString(),
    last_error: why.reason,
  };
  return { [why.receiverKey]: entry };
}

/** An OFFLINE receiver of store-and-forward data (fan-out-targets.ts): it waits in the lane. */
function receiverAway(receiver: DeliveryReceiver, directory: Directory): boolean {
  if (directory.partners.get(receiver.partner_id)?.status !== 'CONNECTED') return true;
  const party = receiver.party;
  if (!party) return false;
  return directory.parties.some(
    (p) =>
      p.country_code === party.country_code &&
      p.party_id === party.party_id &&
      p.role === party.role &&
      p.status !== 'CONNECTED',
  );
}

/** Later messages of the same object, by the receivers they go to. */
function laterMessagesByReceiver(later: readonly OutboxItem[], directory: Directory) {
  const byReceiver = new Map<string, OutboxMessage[]>();
  for (const item of later) {
    const msg = toOutboxMessage(item);
    for (const r of receiversOf(msg, directory.parties, directory.partners)) {
      byReceiver.set(r.key, [...(byReceiver.get(r.key) ?? []), msg]);
    }
  }
  return (receiverKey: string) => byReceiver.get(receiverKey) ?? [];
}

function supersedes(later: OutboxMessage, earlier: OutboxMessage): boolean {
  return later.sequence > earlier.sequence && isSupersededBy(shapeOf(earlier), shapeOf(later));
}

const shapeOf = (m: OutboxMessage) => ({
  method: m.method,
  path: m.pathSegments.join('/'),
  query: m.query ? new URLSearchParams(m.query).toString() : undefined,
});

function deliveryOf(msg: OutboxMessage, item: OutboxItem, receiver: DeliveryReceiver, at: string) {
  return {
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
    ...(msg.note ? { note: msg.note } : {}),
  };
}
