import type { DynamoDBRecord } from 'aws-lambda';
import { type TenantConfig, tableNameOf } from '../../config';
import { deliveryOfItem } from '../../store/delivery.repository';
import {
  isOutboxMessageKey,
  type OutboxRepository,
  outboxMessageOfItem,
} from '../../store/outbox.repository';
import { isDirectoryItemKey } from '../../store/partner.repository';
import { StoreUnavailableError } from '../../store/store-errors';
import { readTableChange, type TableChange, tableNameOfStreamArn } from '../../store/stream-changes';
import { type HubRuntime, openTenant, type TenantContext } from '../hub-runtime';
import { forEachBounded } from './bounded-parallel';
import { changedClientInfo, queueClientInfoPushes } from './client-info-pushes';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './delivery-policy';
import { DirectoryCache } from './directory-cache';
import { type FanOutDeps, fanOutObject, type LaneRef } from './fan-out';
import { runLane } from './lane-runner';
import { ReceiverHealth } from './receiver-health';

/** Thrown into the stream poller while stopping, so the unhandled batch is not checkpointed. */
export class DeliveryWorkerStoppingError extends Error {
  constructor() {
    super('delivery worker is stopping');
  }
}

export interface DeliveryWorkerOptions {
  policy?: Partial<DeliveryPolicy>;
  /** Lanes (receivers) served at the same time. */
  concurrency?: number;
  /**
   * Objects of one stream batch fanned out at the same time (default 64): a fan-out mostly waits
   * (DynamoDB, receivers), and a batch is done only when its slowest object is.
   */
  fanOutConcurrency?: number;
  /** How long the parties and partners read for a fan-out are reused (default 1 s). */
  directoryTtlMs?: number;
}

export interface DeliveryWorker {
  /**
   * One batch of a table stream (Lambda event or local poller). `failedFrom`: the sequence number of
   * the earliest record to hand in again (a store outage), with every record after it; it throws only
   * while stopping.
   */
  handleRecords(records: DynamoDBRecord[], tenantId?: string): Promise<{ failedFrom?: string }>;
  /** Resumes due retries and fans out messages whose stream record never did (delivery-retry job). */
  sweep(): Promise<void>;
  /** Finishes sends in flight, starts no new one; what is left stays pending for the next worker. */
  stop(): Promise<void>;
}

/** Background tenant context (no request): delivery and the scheduled jobs. */
export function backgroundTenant(runtime: HubRuntime, tenant: TenantConfig): TenantContext {
  return openTenant(runtime, tenant, runtime.log.child({ tenant: tenant.id }));
}

export function createDeliveryWorker(runtime: HubRuntime, opts: DeliveryWorkerOptions = {}): DeliveryWorker {
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...opts.policy };
  const concurrency = opts.concurrency ?? 16;
  const fanOutConcurrency = opts.fanOutConcurrency ?? 64;
  let stopping = false;
  const inFlight = new Set<Promise<unknown>>();
  const health = new ReceiverHealth(policy, runtime.now);
  const directory = new DirectoryCache(opts.directoryTtlMs ?? 1_000, runtime.now);
  const fanOutDeps: FanOutDeps = { policy, directory, health, stopping: () => stopping };
  const laneOptions = { policy, health, stopping: () => stopping };

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  }

  function tenantOfRecord(record: DynamoDBRecord, fallback?: string): TenantConfig | undefined {
    const table = tableNameOfStreamArn(record.eventSourceARN);
    return runtime.config.tenants.find((t) =>
      table ? tableNameOf(runtime.config, t.id) === table : t.id === fallback,
    );
  }

  async function runLanes(ctx: TenantContext, lanes: LaneRef[]): Promise<void> {
    await forEachBounded(lanes, concurrency, (lane) => runLane(ctx, lane, laneOptions));
  }

  /**
   * Handles one tenant's records; returns the sequence number of the earliest record whose work
   * failed for a store outage (it and every later record must come again), or undefined.
   */
  async function handleTenantChanges(
    ctx: TenantContext,
    records: DynamoDBRecord[],
  ): Promise<string | undefined> {
    const firstRecordOf = new Map<string, string | undefined>();
    const replays = new Map<string, LaneRef>();
    const failed: (string | undefined)[] = [];
    const guard = async (sequenceNumber: string | undefined, work: () => Promise<void>) => {
      try {
        await work();
      } catch (err) {
        // A store outage: the record comes again. Anything else is left to the sweep rather than
        // blocking the shard behind one bad record.
        if (!(err instanceof StoreUnavailableError)) {
          ctx.log.error('delivery failed; the retry sweep will resume it', { error: err });
          return;
        }
        ctx.log.warn('delivery hit a store outage; the stream record comes again', { error: err });
        failed.push(sequenceNumber);
      }
    };
    for (const record of records) {
      const change = readTableChange(record);
      if (!change) continue;
      const replay = replayedLane(change);
      if (replay) replays.set(`${replay.objectKey}\n${replay.receiverKey}`, replay);
      if (change.eventName === 'INSERT' && isOutboxMessageKey(change.keys)) {
        const message = outboxMessageOfItem(change.keys, change.newImage);
        if (message && !firstRecordOf.has(message.objectKey))
          firstRecordOf.set(message.objectKey, change.sequenceNumber);
        continue;
      }
      // Parties and partners changed: the fan-out's cached directory is out of date.
      if (isDirectoryItemKey(change.keys)) directory.invalidate(ctx.tenant.id);
      const clientInfo = changedClientInfo(change);
      if (clientInfo) await guard(change.sequenceNumber, () => queueClientInfoPushes(ctx, clientInfo));
    }
    if (stopping) throw new DeliveryWorkerStoppingError();
    await forEachBounded([...firstRecordOf], fanOutConcurrency, ([objectKey, sequenceNumber]) =>
      guard(sequenceNumber, async () => {
        // Lanes of receivers that just failed are left to the sweep: the stream waits for nobody.
        const lanes = (await fanOutObject(ctx, objectKey, fanOutDeps)).filter((l) =>
          health.available(l.receiverKey),
        );
        if (!stopping) await runLanes(ctx, lanes);
      }),
    );
    await guard(undefined, () => runLanes(ctx, [...replays.values()]));
    if (failed.length === 0) return undefined;
    return earliest(failed, records);
  }

  async function sweepTenant(ctx: TenantContext): Promise<void> {
    const outbox = ctx.store.outbox;
    const now = runtime.now();
    const unfanned = await outbox.listUnfanned(new Date(now - policy.fanOutGraceMs).toISOString(), 100);
    for (const objectKey of new Set(unfanned.map((i) => i.objectKey))) {
      if (stopping) return;
      await runLanes(ctx, await fanOutObject(ctx, objectKey, fanOutDeps));
    }
    await giveUpOnLateMessages(ctx, outbox, new Date(now - 2 * policy.fanOutGraceMs).toISOString());
    const due = await ctx.store.deliveries.listDue(new Date(now).toISOString(), 100);
    const lanes = new Map(
      due.map((d) => [
        `${d.object_key}\n${d.receiver.key}`,
        { objectKey: d.object_key, receiverKey: d.receiver.key },
      ]),
    );
    if (!stopping) await runLanes(ctx, [...lanes.values()]);
  }

  return {
    async handleRecords(records, tenantId) {
      if (stopping) throw new DeliveryWorkerStoppingError();
      const byTenant = new Map<TenantConfig, DynamoDBRecord[]>();
      for (const record of records) {
        const tenant = tenantOfRecord(record, tenantId);
        if (!tenant) continue;
        byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), record]);
      }
      const failedFrom: string[] = [];
      await track(
        forEachBounded([...byTenant], byTenant.size, async ([tenant, tenantRecords]) => {
          const failed = await handleTenantChanges(backgroundTenant(runtime, tenant), tenantRecords);
          if (failed) failedFrom.push(failed);
        }),
      );
      return { failedFrom: failedFrom.length ? earliest(failedFrom, records) : undefined };
    },
    async sweep() {
      await track(
        forEachBounded(runtime.config.tenants, runtime.config.tenants.length, (tenant) =>
          sweepTenant(backgroundTenant(runtime, tenant)),
        ),
      );
    },
    async stop() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * The earliest of some records' sequence numbers; undefined (work not tied to one record) means the
 * batch's first record.
 */
function earliest(sequenceNumbers: (string | undefined)[], records: DynamoDBRecord[]): string | undefined {
  const first = records[0]?.dynamodb?.SequenceNumber;
  const known = sequenceNumbers.map((n) => n ?? first).filter((n): n is string => n !== undefined);
  return known.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0))[0];
}

/** An admin replay queued a delivery (delivery-admin.ts): its lane runs at once. */
function replayedLane(change: TableChange): LaneRef | undefined {
  if (change.eventName !== 'INSERT') return undefined;
  const delivery = deliveryOfItem(change.keys, change.newImage);
  if (!delivery?.replay_of) return undefined;
  const receiverKey: unknown = delivery.receiver?.key;
  if (typeof delivery.object_key !== 'string' || typeof receiverKey !== 'string') return undefined;
  return { objectKey: delivery.object_key, receiverKey };
}

/**
 * A message written with a sequence below its object's fan-out cursor (an out-of-order write) can no
 * longer be delivered in order: it is closed with a warning; receivers re-sync by GET (ocpi-notes §1.8).
 */
async function giveUpOnLateMessages(ctx: TenantContext, outbox: OutboxRepository, createdBefore: string) {
  for (const item of await outbox.listUnfanned(createdBefore, 100)) {
    await outbox.markFannedOut(item, new Date(ctx.runtime.now()).toISOString());
    ctx.log.warn('outbox message arrived out of order; not delivered', {
      object_key: item.objectKey,
      message_id: item.id,
    });
  }
}
