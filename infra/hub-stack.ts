import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { HubConfig } from '../functions/config';
import { HubApi } from './constructs/hub-api';
import { HubFunctions } from './constructs/hub-functions';
import { HubKeys } from './constructs/hub-keys';
import { ScheduledJobs } from './constructs/scheduled-jobs';
import { StreamDelivery } from './constructs/stream-delivery';
import { TenantAccessRole } from './constructs/tenant-access-role';
import { TenantTables } from './constructs/tenant-tables';

export interface HubStackProps extends StackProps {
  /** The validated tenants file, the same one the local runtime reads. */
  readonly config: HubConfig;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

/** The whole hub in one environment-agnostic stack (docs/architecture.md "Runtime shape"). */
export class HubStack extends Stack {
  readonly functions: HubFunctions;
  readonly tables: TenantTables;
  readonly tenantAccess: TenantAccessRole;
  readonly keys: HubKeys;
  readonly api: HubApi;
  readonly delivery: StreamDelivery;

  constructor(scope: Construct, id: string, props: HubStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.keys = new HubKeys(this, 'Keys');
    this.tables = new TenantTables(this, 'Tenants', { config });

    // TENANT_ACCESS_ROLE_ARN is added below: the tenant access role trusts the function roles, so it
    // can only be created after them.
    const environment: Record<string, string> = {
      HUB_TENANTS_JSON: JSON.stringify(config),
      HUB_KEYS_SECRET_ARN: this.keys.secret.secretArn,
      LOG_LEVEL: props.logLevel ?? 'INFO',
    };
    this.functions = new HubFunctions(this, 'Functions', { environment });
    this.tenantAccess = new TenantAccessRole(this, 'TenantAccess', {
      tablePrefix: config.tablePrefix,
      tenantIds: config.tenants.map((tenant) => tenant.id),
      callers: this.functions.all.map((fn) => fn.role),
      tableKey: this.tables.key,
    });
    for (const fn of this.functions.all) {
      fn.function.addEnvironment('TENANT_ACCESS_ROLE_ARN', this.tenantAccess.role.roleArn);
      this.keys.grantRead(fn.role);
    }

    this.delivery = new StreamDelivery(this, 'Delivery', {
      delivery: this.functions.delivery,
      tables: this.tables.tables.values(),
    });
    new ScheduledJobs(this, 'Schedules', { handler: this.functions.scheduled.function });
    this.api = new HubApi(this, 'Api', {
      ocpiFunction: this.functions.ocpi.function,
      adminFunction: this.functions.admin.function,
    });
  }
}
