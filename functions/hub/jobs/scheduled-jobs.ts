import type { DeliveryWorker } from '../delivery/delivery-worker';
import { backgroundTenant } from '../delivery/delivery-worker';
import type { HubRuntime } from '../hub-runtime';
import { expireCommands } from './command-timeouts.job';
import { rotateStaleCredentials } from './credential-rotation.job';
import { checkStillAlive } from './still-alive.job';

export const SCHEDULED_JOB_NAMES = [
  'still-alive',
  'delivery-retry',
  'credential-rotation',
  'command-timeouts',
] as const;
export type ScheduledJobName = (typeof SCHEDULED_JOB_NAMES)[number];

export function isScheduledJobName(value: unknown): value is ScheduledJobName {
  return typeof value === 'string' && (SCHEDULED_JOB_NAMES as readonly string[]).includes(value);
}

export interface ScheduledJobDeps {
  worker: DeliveryWorker;
  silenceMs?: number;
}

/** Runs one periodic job for every tenant; the same code behind EventBridge and the local timers. */
export async function runScheduledJob(runtime: HubRuntime, job: ScheduledJobName, deps: ScheduledJobDeps) {
  if (job === 'delivery-retry') return deps.worker.sweep();
  if (job === 'credential-rotation' && !runtime.publicUrl) {
    // A background job has no request to take a base URL from: rotating would hand every partner
    // versions URLs of http://localhost and cut them off (the stack always sets HUB_PUBLIC_URL).
    runtime.log.error('credential rotation refused', {
      job,
      reason: 'no public URL configured (HUB_PUBLIC_URL); partners would be given unreachable URLs',
    });
    return;
  }
  const failures: unknown[] = [];
  for (const tenant of runtime.config.tenants) {
    const ctx = backgroundTenant(runtime, tenant);
    try {
      if (job === 'still-alive') await checkStillAlive(ctx, deps.silenceMs);
      else if (job === 'credential-rotation') await rotateStaleCredentials(ctx);
      else await expireCommands(ctx);
    } catch (err) {
      // One tenant's trouble does not keep the others from their job.
      ctx.log.error('scheduled job failed', { job, error: err });
      failures.push(err);
    }
  }
  if (failures.length) throw failures[0];
}
