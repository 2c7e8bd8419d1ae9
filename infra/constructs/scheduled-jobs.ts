import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { HubFunction } from './hub-function';

/** The jobs of `functions/hub/jobs/scheduled-jobs.ts`; each rule invokes its function with `{ "job": <name> }`. */
export const SCHEDULED_JOBS = [
  { job: 'still-alive', every: Duration.minutes(5), description: 'Still-alive checks of connected partners' },
  {
    // EventBridge's finest rate: a command's result is due within its timeout plus a margin.
    job: 'command-timeouts',
    every: Duration.minutes(1),
    description: 'Synthesizes results of timed-out commands',
  },
  {
    job: 'delivery-retry',
    every: Duration.minutes(1),
    description: 'Resumes due delivery retries and fan-outs the stream missed',
  },
  {
    job: 'credential-rotation',
    every: Duration.hours(1),
    description: 'Rotates credentials past their max age',
  },
] as const;

export type ScheduledJobName = (typeof SCHEDULED_JOBS)[number]['job'];

/** EventBridge schedules driving the periodic work of every tenant, one job function each. */
export class ScheduledJobs extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { readonly jobs: ReadonlyMap<ScheduledJobName, HubFunction> },
  ) {
    super(scope, id);
    for (const { job, every, description } of SCHEDULED_JOBS) {
      const handler = props.jobs.get(job);
      if (!handler) continue;
      new events.Rule(this, job, {
        description,
        schedule: events.Schedule.rate(every),
        targets: [
          new targets.LambdaFunction(handler.function, {
            event: events.RuleTargetInput.fromObject({ job }),
            // The next tick runs the job again; a late retry would only overlap with it.
            retryAttempts: 0,
            maxEventAge: Duration.minutes(1),
          }),
        ],
      });
    }
  }
}
