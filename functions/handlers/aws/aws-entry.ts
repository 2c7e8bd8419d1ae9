import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createDeliveryWorker, type DeliveryWorker } from '../../hub/delivery/delivery-worker';
import { isScheduledJobName, runScheduledJob } from '../../hub/jobs/scheduled-jobs';
import { awsRuntime } from './aws-runtime';

let worker: Promise<DeliveryWorker> | undefined;

/** One delivery worker per cold start, on the shared AWS runtime. */
function awsDeliveryWorker(): Promise<DeliveryWorker> {
  worker ??= awsRuntime()
    .then((runtime) => createDeliveryWorker(runtime))
    .catch((err: unknown) => {
      worker = undefined;
      throw err;
    });
  return worker;
}

/**
 * Delivery Lambda: reports the earliest record whose work failed (ReportBatchItemFailures), so the
 * event source mapping checkpoints everything before it and hands in the rest again.
 */
export async function handleStreamEvent(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const { failedFrom } = await (await awsDeliveryWorker()).handleRecords(event.Records);
  return { batchItemFailures: failedFrom ? [{ itemIdentifier: failedFrom }] : [] };
}

/** Scheduled Lambda: EventBridge sends `{ "job": <name> }` (infra/constructs/scheduled-jobs.ts). */
export async function handleScheduledEvent(event: { job?: unknown }): Promise<void> {
  if (!isScheduledJobName(event.job))
    throw new Error(`unknown scheduled job ${String(event.job).slice(0, 50)}`);
  const [runtime, deliveryWorker] = await Promise.all([awsRuntime(), awsDeliveryWorker()]);
  await runScheduledJob(runtime, event.job, { worker: deliveryWorker });
}
