import type { HubRuntime } from '../hub/hub-runtime';
import {
  isScheduledJobName,
  runScheduledJob,
  type ScheduledJobDeps,
  type ScheduledJobName,
} from '../hub/jobs/scheduled-jobs';

/** Local stand-in for the EventBridge rules (infra/constructs/scheduled-jobs.ts), with quicker retries. */
const LOCAL_JOB_INTERVALS_MS: Record<ScheduledJobName, number> = {
  'still-alive': 60_000,
  'delivery-retry': 2_000,
  'credential-rotation': 3_600_000,
  'command-timeouts': 5_000,
};

export interface LocalSchedulerOptions extends ScheduledJobDeps {
  intervalsMs?: Partial<Record<ScheduledJobName, number>>;
}

export interface LocalScheduler {
  /** Runs a job now (tests); waits for a run already in progress first. */
  runNow(job: ScheduledJobName): Promise<void>;
  /** Stops the timers and waits for runs in progress. */
  stop(): Promise<void>;
}

/** Runs the scheduled jobs on timers; a job never overlaps with itself. */
export function startLocalScheduler(runtime: HubRuntime, opts: LocalSchedulerOptions): LocalScheduler {
  const intervals = { ...LOCAL_JOB_INTERVALS_MS, ...opts.intervalsMs };
  const running = new Map<ScheduledJobName, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  function run(job: ScheduledJobName): Promise<void> {
    const previous = running.get(job);
    if (previous) return previous;
    const current = runScheduledJob(runtime, job, opts)
      .catch((err: unknown) => runtime.log.error('scheduled job failed', { job, error: err }))
      .finally(() => running.delete(job));
    running.set(job, current);
    return current;
  }

  for (const job of Object.keys(intervals).filter(isScheduledJobName)) {
    const timer = setInterval(() => {
      if (!stopped && !running.has(job)) void run(job);
    }, intervals[job]);
    timer.unref();
    timers.push(timer);
  }

  return {
    async runNow(job) {
      await running.get(job);
      await run(job);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running.values()]);
    },
  };
}
