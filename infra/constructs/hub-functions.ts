import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HubFunction } from './hub-function';

const handlerEntry = (name: string): string =>
  fileURLToPath(new URL(`../../functions/handlers/${name}.ts`, import.meta.url));

export interface HubFunctionsProps {
  /** Environment shared by every function (tenants config, key secret, tenant access role). */
  readonly environment: Readonly<Record<string, string>>;
}

/** The hub's four Lambda functions, one per entry point in functions/handlers/. */
export class HubFunctions extends Construct {
  readonly ocpi: HubFunction;
  readonly admin: HubFunction;
  readonly delivery: HubFunction;
  readonly scheduled: HubFunction;

  constructor(scope: Construct, id: string, props: HubFunctionsProps) {
    super(scope, id);
    const { environment } = props;
    // API Gateway gives up after 29 s; the outbound timeout is capped at 25 s (functions/config.ts).
    const apiTimeout = Duration.seconds(28);
    this.ocpi = new HubFunction(this, 'Ocpi', {
      entry: handlerEntry('ocpi'),
      description: 'OCPI 2.2.1 endpoints of every tenant',
      environment,
      timeout: apiTimeout,
    });
    this.admin = new HubFunction(this, 'Admin', {
      entry: handlerEntry('admin'),
      description: 'Admin API of every tenant and the health check',
      environment,
      timeout: apiTimeout,
    });
    this.delivery = new HubFunction(this, 'Delivery', {
      entry: handlerEntry('delivery'),
      description: 'Outbound pushes driven by the tenant table streams',
      environment,
      timeout: Duration.minutes(5),
    });
    this.scheduled = new HubFunction(this, 'Scheduled', {
      entry: handlerEntry('scheduled'),
      description: 'Still-alive checks, command timeouts and credential rotation',
      environment,
      timeout: Duration.minutes(5),
    });
  }

  get all(): readonly HubFunction[] {
    return [this.ocpi, this.admin, this.delivery, this.scheduled];
  }
}
