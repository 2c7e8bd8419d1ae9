import type { Partner } from '../../domain/partner';
import type { DeliveryReceiver } from '../../store/delivery.repository';
import {
  type LedgerEntry,
  type OutboxItem,
  type OutboxMessage,
  toOutboxMessage,
} from '../../store/outbox.repository';
import type { FanOutState } from '../../store/outbox-leases';
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

/** One message of a fan-out page: who gets it, and what became of it at each (its ledger). */
export interface MessagePlan {
  item: OutboxItem;
  msg: OutboxMessage;
  /** The parties and partners the receivers were chosen from. */
  directory: Directory;
  receivers: DeliveryReceiver[];
  ledger: Record<string, LedgerEntry>;
}

/** What the receivers of one fan-out page share: the object's fan-out state and the lanes it queued. */
export interface PageState {
  state: FanOutState;
  lanes: Map<string, LaneRef>;
  deps: FanOutDeps;
}

/**
 * The receivers of each message of a page, in sequence order. A message stored for one party that no
 * receiver takes even by a fresh directory (it was cached before the party connected) gets its
 * failed ledger here, and no receiver.
 */
export async function planMessages(
  ctx: TenantContext,
  items: readonly OutboxItem[],
  cached: Directory,
  deps: FanOutDeps,
): Promise<MessagePlan[]> {
  let directory = cached;
  const plans: MessagePlan[] = [];
  for (const item of items) {
    const msg = toOutboxMessage(item);
    let receivers = receiversOf(msg, directory.parties, directory.partners);
    let ledger: Record<string, LedgerEntry> = {};
    if (receivers.length === 0 && msg.kind === 'direct' && isStoreAndForward(msg.module)) {
      directory = await deps.directory.fresh(ctx);
      receivers = receiversOf(msg, directory.parties, directory.partners);
      if (receivers.length === 0) {
        await recordCdrDelivery(ctx, msg, 'DEAD_LETTERED');
        ledger = undeliverable(ctx, msg, directory);
      }
    }
    plans.push({ item, msg, directory, receivers, ledger });
  }
  return plans;
}

/**
 * Whether message `index` is superseded for a receiver by a later message of the page that goes to
 * that receiver too (a later PUT of the object or a containing object; a PATCH never supersedes).
 */
export function supersededWithin(plans: readonly MessagePlan[]) {
  const byReceiver = new Map<string, number[]>();
  plans.forEach((plan, i) => {
    for (const r of plan.receivers) byReceiver.set(r.key, [...(byReceiver.get(r.key) ?? []), i]);
  });
  return (index: number, receiverKey: string): boolean => {
    const earlier = (plans[index] as MessagePlan).msg;
    return (byReceiver.get(receiverKey) ?? []).some(
      (j) => j > index && supersedes((plans[j] as MessagePlan).msg, earlier),
    );
  };
}

/**
 * One message to one receiver: skipped when superseded; queued behind the receiver's lane when it is
 * blocked for the object, failing lately or away; else sent (a broadcast waits at most
 * `fanOutTimeoutMs`), a failure queuing its retry in the lane and blocking the receiver. Returns the
 * ledger entry.
 */
export async function deliverToReceiver(
  ctx: TenantContext,
  plan: MessagePlan,
  receiver: DeliveryReceiver,
  superseded: boolean,
  page: PageState,
): Promise<LedgerEntry> {
  const { msg, directory } = plan;
  const { state, deps } = page;
  const key = receiver.key;
  const at = () => new Date(ctx.runtime.now()).toISOString();
  const entry = (fields: Pick<LedgerEntry, 'status' | 'attempts'>): LedgerEntry => ({
    partner_id: receiver.partner_id,
    ...(receiver.party ? { party: receiver.party } : {}),
    at: at(),
    ...fields,
  });
  const queue = async (failed?: SendOutcome) => {
    await ctx.store.deliveries.createIfAbsent({
      ...deliveryOf(msg, plan.item, receiver, at()),
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
    state.blocked[key] = (state.blocked[key] ?? 0) + 1;
    if (!failed) page.lanes.set(key, { objectKey: msg.objectKey, receiverKey: key });
  };
  if (superseded) return entry({ status: 'superseded', attempts: 0 });
  if (state.blocked[key] !== undefined || !deps.health.available(key) || receiverAway(receiver, directory)) {
    await queue();
    return entry({ status: 'queued', attempts: 0 });
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
    await queue(outcome);
    countDelivery(ctx, 'DeliveriesRetried');
    ctx.log.info('delivery will be retried', { partner: receiver.partner_id, reason: outcome.error });
    return { ...entry({ status: 'queued', attempts: 1 }), ...details };
  }
  deps.health.answered(key);
  const status = outcome.result === 'delivered' ? 'delivered' : 'failed';
  if (status === 'failed') {
    ctx.log.warn('delivery refused by the receiver', { partner: receiver.partner_id, reason: outcome.error });
  }
  return { ...entry({ status, attempts: 1 }), ...details };
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
