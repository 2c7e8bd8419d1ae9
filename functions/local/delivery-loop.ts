import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableNameOf } from '../config';
import type { DeliveryPolicy } from '../hub/delivery/delivery-policy';
import {
  createDeliveryWorker,
  type DeliveryWorker,
  DeliveryWorkerStoppingError,
} from '../hub/delivery/delivery-worker';
import type { HubRuntime } from '../hub/hub-runtime';
import type { ScheduledJobName } from '../hub/jobs/scheduled-jobs';
import type { DynamoClientOptions } from '../store/dynamo-client';
import { type LocalScheduler, startLocalScheduler } from './scheduler';
import { type StreamCheckpoint, type StreamPoller, startStreamPoller } from './stream-poller';

/** Knobs for tests and local experiments; defaults suit `npm start`. */
export interface DeliveryLoopTuning {
  policy?: Partial<DeliveryPolicy>;
  jobIntervalsMs?: Partial<Record<ScheduledJobName, number>>;
  /** Still-alive silence threshold (default 5 minutes). */
  silenceMs?: number;
  pollIntervalMs?: number;
}

export interface DeliveryLoopOptions extends DeliveryLoopTuning {
  client: DynamoClientOptions;
  /** Stream checkpoints are kept here, so a restarted hub resumes where the last one stopped. */
  dataDir: string;
}

export interface DeliveryLoop {
  worker: DeliveryWorker;
  scheduler: LocalScheduler;
  stop(): Promise<void>;
}

/**
 * The local counterpart of the delivery and scheduled Lambdas: one stream poller per tenant table
 * feeding the delivery worker, and the scheduled jobs on timers. Resolves once the pollers read.
 */
export async function startDeliveryLoop(
  runtime: HubRuntime,
  opts: DeliveryLoopOptions,
): Promise<DeliveryLoop> {
  const worker = createDeliveryWorker(runtime, { policy: opts.policy });
  const pollers: StreamPoller[] = runtime.config.tenants.map((tenant) => {
    const tableName = tableNameOf(runtime.config, tenant.id);
    return startStreamPoller({
      client: opts.client,
      tableName,
      handler: async (records) => {
        // The poller hands the whole batch in again (the records before a failure come back too:
        // handled twice, they write what is already there and send nothing new).
        const { failedFrom } = await worker.handleRecords(records, tenant.id);
        if (failedFrom) throw new Error(`delivery of stream records from ${failedFrom} failed; retrying`);
      },
      checkpoint: fileCheckpoint(join(opts.dataDir, 'stream-checkpoints'), tableName),
      intervalMs: opts.pollIntervalMs,
      onError: (err, during) => {
        if (err instanceof DeliveryWorkerStoppingError) return;
        runtime.log.warn('stream poller error', { table: tableName, during, error: err });
      },
    });
  });
  await Promise.all(pollers.map((p) => p.ready));
  const scheduler = startLocalScheduler(runtime, {
    worker,
    silenceMs: opts.silenceMs,
    intervalsMs: opts.jobIntervalsMs,
  });
  return {
    worker,
    scheduler,
    async stop() {
      // The worker first: sends in flight finish, nothing new starts, the rest stays pending.
      await Promise.all([worker.stop(), scheduler.stop(), ...pollers.map((p) => p.stop())]);
    },
  };
}

/** One small JSON file per table: shard id -> last sequence number handled. */
function fileCheckpoint(dir: string, tableName: string): StreamCheckpoint {
  const file = join(dir, `${tableName}.json`);
  let cache: Record<string, string> | undefined;
  const read = (): Record<string, string> => {
    if (cache) return cache;
    try {
      cache = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      cache = {};
    }
    return cache;
  };
  return {
    async load(shardId) {
      return read()[shardId];
    },
    async save(shardId, sequenceNumber) {
      const next = { ...read(), [shardId]: sequenceNumber };
      // Owner only, like everything in the data folder (local/private-data-dir.ts).
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(`${file}.tmp`, JSON.stringify(next), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
      cache = next;
    },
  };
}
