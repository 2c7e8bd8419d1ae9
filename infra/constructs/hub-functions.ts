import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { type BundledConfigFile, HubFunction } from './hub-function';
import { SCHEDULED_JOBS, type ScheduledJobName } from './scheduled-jobs';

const handlerEntry = (name: string): string =>
  fileURLToPath(new URL(`../../functions/handlers/${name}.ts`, import.meta.url));

export interface HubFunctionsProps {
  /** Environment shared by every function (key secret, log level; the tenant role is added later). */
  readonly environment: Readonly<Record<string, string>>;
  readonly configFile: BundledConfigFile;
  /** Reserved concurrency of the delivery function; undefined = none reserved. */
  readonly deliveryConcurrency?: number;
  /** Reserve one concurrent run per scheduled job, so a job never overlaps itself. */
  readonly reserveJobConcurrency: boolean;
}

/**
 * The hub's Lambda functions: ocpi and admin behind the API, delivery on the table streams and one
 * function per scheduled job (same bundle, `functions/handlers/scheduled.ts`), so each job gets its
 * own concurrency of one, its own timeout below its interval and its own service name.
 */
export class HubFunctions extends Construct {
  readonly ocpi: HubFunction;
  readonly admin: HubFunction;
  readonly delivery: HubFunction;
  readonly jobs: ReadonlyMap<ScheduledJobName, HubFunction>;
  /** Invoked by an operator (`aws lambda invoke`), never by the API (docs/operations.md "First admin token"). */
  readonly bootstrapAdmin: HubFunction;

  constructor(scope: Construct, id: string, props: HubFunctionsProps) {
    super(scope, id);
    const { environment, configFile } = props;
    // API Gateway gives up after 29 s; the outbound timeout is capped at 25 s (functions/config.ts).
    const apiTimeout = Duration.seconds(28);
    this.ocpi = new HubFunction(this, 'Ocpi', {
      entry: handlerEntry('ocpi'),
      description: 'OCPI 2.2.1 endpoints of every tenant',
      serviceName: 'ocpi-hub-ocpi',
      environment,
      configFile,
      timeout: apiTimeout,
    });
    this.admin = new HubFunction(this, 'Admin', {
      entry: handlerEntry('admin'),
      description: 'Admin API of every tenant and the health check',
      serviceName: 'ocpi-hub-admin',
      environment,
      configFile,
      timeout: apiTimeout,
    });
    this.delivery = new HubFunction(this, 'Delivery', {
      entry: handlerEntry('delivery'),
      description: 'Outbound pushes driven by the tenant table streams',
      serviceName: 'ocpi-hub-delivery',
      environment,
      configFile,
      timeout: Duration.minutes(5),
      // A flood of forwards scales the ocpi function, never into the capacity deliveries need.
      reservedConcurrency: props.deliveryConcurrency,
    });
    const jobs = new Map<ScheduledJobName, HubFunction>();
    for (const { job, every, description } of SCHEDULED_JOBS) {
      jobs.set(
        job,
        new HubFunction(this, `Job-${job}`, {
          entry: handlerEntry('scheduled'),
          description,
          serviceName: `ocpi-hub-job-${job}`,
          environment,
          configFile,
          // Ends before the next tick starts the job again.
          timeout: Duration.seconds(Math.min(every.toSeconds() - 10, 600)),
          reservedConcurrency: props.reserveJobConcurrency ? 1 : undefined,
          // A run that could not start within a minute (throttled: the previous run still going)
          // is dropped, not retried into the next run; a failed run waits for the next tick.
          asyncInvoke: { maxEventAge: Duration.seconds(60), retryAttempts: 0 },
        }),
      );
    }
    this.jobs = jobs;
    this.bootstrapAdmin = new HubFunction(this, 'BootstrapAdmin', {
      entry: handlerEntry('bootstrap-admin'),
      description: "Creates a tenant's first admin token and puts it into the tenant's own secret",
      serviceName: 'ocpi-hub-bootstrap-admin',
      environment,
      configFile,
      timeout: Duration.seconds(30),
      memorySize: 256,
      // An operator's invocation is synchronous: nothing to retry behind their back.
      asyncInvoke: { maxEventAge: Duration.seconds(60), retryAttempts: 0 },
    });
  }

  get all(): readonly HubFunction[] {
    return [this.ocpi, this.admin, this.delivery, ...this.jobs.values(), this.bootstrapAdmin];
  }
}
