import { randomUUID } from 'node:crypto';
import type { OutboxItem } from '../../store/outbox.repository';
import { type FanOutState, LeaseHeldError, type OutboxLeases } from '../../store/outbox-leases';
import type { TenantContext } from '../hub-runtime';
import {
  deliverToReceiver,
  type FanOutDeps,
  type LaneRef,
  type MessagePlan,
  planMessages,
  supersededWithin,
} from './fan-out-message';

export type { FanOutDeps, LaneRef } from './fan-out-message';

/**
 * Delivers the messages of one object that have not been fanned out yet, in sequence order, under
 * the object's fan-out lease (streams order records per item only, so the work is read back from the
 * table). Each receiver gets the page's messages in sequence, receivers independently of each other
 * (a slow receiver does not hold the others' next messages); only what fails or must wait becomes a
 * pending delivery in the receiver's lane (lane-runner.ts), and the receiver stays blocked for this
 * object until its lane is drained, so per-object, per-receiver order holds. The bookkeeping is one
 * write per message (its ledger, written as soon as every receiver had it) plus the lease taken and
 * released: lanes, leases per lane and delivery records cost only when a receiver fails (issue #12).
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
    let outcome = { lost: false, complete: true };
    try {
      pending = await outbox.listAfter(objectKey, state.cursor, PAGE);
      if (pending.length) outcome = await fanOutPage(ctx, { objectKey, owner, pending, state, lanes, deps });
    } finally {
      if (!outcome.lost) await leases.finishFanOut(objectKey, owner, state);
    }
    if (outcome.lost || !outcome.complete || pending.length < PAGE || deps.stopping?.()) break;
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

interface Page {
  objectKey: string;
  owner: string;
  pending: OutboxItem[];
  state: FanOutState;
  lanes: Map<string, LaneRef>;
  deps: FanOutDeps;
}

type MarkResult = { ok: true } | { ok: false; error: unknown };

/**
 * One page of an object's messages: one sequence of sends per receiver, all receivers at once. A
 * message's ledger is written once every receiver had it, while the receivers go on with the next
 * messages; the cursor then moves past the longest run of messages whose ledger is written (what
 * is after it is done again by the next fan-out: at least once, never out of order). `lost`: another
 * worker took the object over; `complete`: every message of the page is done.
 */
async function fanOutPage(ctx: TenantContext, page: Page): Promise<{ lost: boolean; complete: boolean }> {
  const { objectKey, owner, state, deps } = page;
  const plans = await planMessages(ctx, page.pending, await deps.directory.get(ctx), deps);
  const superseded = supersededWithin(plans);
  const left = plans.map((plan) => plan.receivers.length);
  const marks: Promise<MarkResult>[] = [];
  const mark = (i: number) => {
    const plan = plans[i] as MessagePlan;
    marks[i] = ctx.store.outbox
      .markFannedOut(plan.item, new Date(ctx.runtime.now()).toISOString(), plan.ledger)
      .then(
        (): MarkResult => ({ ok: true }),
        (error: unknown): MarkResult => ({ ok: false, error }),
      );
  };
  plans.forEach((plan, i) => {
    if (plan.receivers.length === 0) mark(i);
  });

  let lost = false;
  let leaseFrom = ctx.runtime.now();
  let renewing: Promise<void> | undefined;
  /** A slow fan-out renews its lease well before it runs out (a write only when it is slow). */
  const keepLease = (): Promise<void> | undefined => {
    if (renewing || ctx.runtime.now() - leaseFrom <= deps.policy.leaseMs / 3) return renewing;
    leaseFrom = ctx.runtime.now();
    renewing = ctx.store.outboxLeases
      .renewFanOut(objectKey, owner, state, leaseFrom, deps.policy.leaseMs)
      .catch((err: unknown) => {
        // Another worker took the object over: it carries on from the saved cursor.
        if (!(err instanceof LeaseHeldError)) throw err;
        lost = true;
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };

  const receiverKeys = [...new Set(plans.flatMap((plan) => plan.receivers.map((r) => r.key)))];
  const sequences = await Promise.allSettled(
    receiverKeys.map(async (key) => {
      for (const [i, plan] of plans.entries()) {
        const receiver = plan.receivers.find((r) => r.key === key);
        if (!receiver) continue;
        if (deps.stopping?.()) return;
        await keepLease();
        if (lost) return;
        plan.ledger[key] = await deliverToReceiver(ctx, plan, receiver, superseded(i, key), page);
        left[i] = (left[i] as number) - 1;
        if (left[i] === 0) mark(i);
      }
    }),
  );

  let firstError = sequences.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
  let complete = true;
  for (const [i, plan] of plans.entries()) {
    const result = await marks[i];
    if (!result?.ok) {
      if (result) firstError ??= result.error;
      complete = false;
      break;
    }
    state.cursor = plan.item.sk;
  }
  await Promise.all(marks);
  if (firstError !== undefined) throw firstError;
  return { lost, complete };
}
