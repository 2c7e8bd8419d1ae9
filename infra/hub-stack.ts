import { CfnResource, Stack, type StackProps, Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { HubConfig } from '../functions/config';
import { writeBundledConfig } from './bundled-config';
import { AdminBootstrap } from './constructs/admin-bootstrap';
import { ApiFirewall } from './constructs/api-firewall';
import { HubAlarms } from './constructs/hub-alarms';
import { HubApi } from './constructs/hub-api';
import { HubDashboard } from './constructs/hub-dashboard';
import { HubFunctions } from './constructs/hub-functions';
import { HubKeys } from './constructs/hub-keys';
import { HubOutputs } from './constructs/hub-outputs';
import { ScheduledJobs } from './constructs/scheduled-jobs';
import { StreamDelivery } from './constructs/stream-delivery';
import { TenantAccessRole } from './constructs/tenant-access-role';
import { TenantTables } from './constructs/tenant-tables';
import type { StageSettings } from './stage-settings';

export interface HubStackProps extends StackProps {
  /** The stage's tenants config (table prefix with the stage), the file the functions get. */
  readonly config: HubConfig;
  readonly settings: StageSettings;
}

/** CloudFormation's limit of resources in one stack. */
const MAX_STACK_RESOURCES = 500;

/** The whole hub of one stage in one stack (docs/architecture.md "Runtime shape"). */
export class HubStack extends Stack {
  readonly settings: StageSettings;
  readonly functions: HubFunctions;
  readonly tables: TenantTables;
  readonly tenantAccess: TenantAccessRole;
  readonly keys: HubKeys;
  readonly api: HubApi;
  readonly firewall: ApiFirewall;
  readonly delivery: StreamDelivery;
  readonly alarms: HubAlarms;
  readonly dashboard: HubDashboard;

  constructor(scope: Construct, id: string, props: HubStackProps) {
    super(scope, id, props);
    const { config, settings } = props;
    const { stage, reuseRetained } = settings;
    this.settings = settings;
    this.keys = new HubKeys(this, 'Keys', { stage, reuseRetained });
    this.tables = new TenantTables(this, 'Tenants', { config, stage, reuseRetained });

    const configFile = writeBundledConfig(Stage.of(this)?.outdir ?? '.', config);
    this.functions = new HubFunctions(this, 'Functions', {
      environment: { HUB_KEYS_SECRET_ARN: this.keys.secret.secretArn, LOG_LEVEL: settings.logLevel },
      configFile,
      deliveryConcurrency: settings.reserveConcurrency
        ? (settings.deliveryConcurrency ?? Math.max(10, config.tenants.length))
        : undefined,
      reserveJobConcurrency: settings.reserveConcurrency,
    });
    // The tenant access role trusts the function roles, so it can only be created after them.
    this.tenantAccess = new TenantAccessRole(this, 'TenantAccess', {
      tablePrefix: config.tablePrefix,
      tenantIds: config.tenants.map((tenant) => tenant.id),
      callers: this.functions.all.map((fn) => fn.role),
      tableKey: this.tables.key,
    });

    this.delivery = new StreamDelivery(this, 'Delivery', {
      delivery: this.functions.delivery,
      tables: this.tables.tables,
      tablePrefix: config.tablePrefix,
      tableKey: this.tables.key,
    });
    new ScheduledJobs(this, 'Schedules', { jobs: this.functions.jobs });
    const adminBootstrap = new AdminBootstrap(this, 'AdminBootstrap', {
      fn: this.functions.bootstrapAdmin,
      stage,
      key: this.keys.key,
    });
    this.api = new HubApi(this, 'Api', {
      ocpiFunction: this.functions.ocpi.function,
      adminFunction: this.functions.admin.function,
      stage,
      domain:
        settings.domainName && settings.certificateArn
          ? {
              domainName: settings.domainName,
              certificateArn: settings.certificateArn,
              hostedZone:
                settings.hostedZoneId && settings.hostedZoneName
                  ? { id: settings.hostedZoneId, name: settings.hostedZoneName }
                  : undefined,
            }
          : undefined,
    });
    for (const fn of this.functions.all) {
      fn.function.addEnvironment('TENANT_ACCESS_ROLE_ARN', this.tenantAccess.role.roleArn);
      // Always set: scheduled rotation announces this URL to partners (never http://localhost).
      fn.function.addEnvironment('HUB_PUBLIC_URL', this.api.publicUrl);
      this.keys.grantRead(fn.role);
    }

    this.firewall = new ApiFirewall(this, 'Firewall', {
      stageArn: this.api.api.deploymentStage.stageArn,
      stage,
      tenants: config.tenants,
      requestsPerIpPer5Min: settings.requestsPerIpPer5Min,
      adminAllowedCidrs: settings.adminAllowedCidrs,
      reuseRetained,
    });
    this.alarms = new HubAlarms(this, 'Alarms', {
      stage,
      tenantIds: config.tenants.map((tenant) => tenant.id),
      functions: this.functions.all,
      api: this.api.api,
      deadLetterQueue: this.delivery.deadLetterQueue,
      alarmEmail: settings.alarmEmail,
    });
    this.dashboard = new HubDashboard(this, 'Dashboard', {
      stage,
      api: this.api.api,
      functions: this.functions.all,
      deadLetterQueue: this.delivery.deadLetterQueue,
      webAclMetricName: `ocpi-hub-${stage}-web-acl`,
      alarms: this.alarms.alarms,
    });
    // Each tenant costs a table, a stream mapping and an alarm: say so at synth, not halfway a deploy.
    this.node.addValidation({
      validate: () => {
        const count = this.node.findAll().filter((c) => c instanceof CfnResource).length;
        return count > MAX_STACK_RESOURCES
          ? [
              `stage ${stage} needs ${count} CloudFormation resources for ${config.tenants.length} tenants; ` +
                `a stack holds ${MAX_STACK_RESOURCES}: spread the tenants over more stages (about 140 fit in one)`,
            ]
          : [];
      },
    });
    new HubOutputs(this, 'Outputs', {
      config,
      publicUrl: this.api.publicUrl,
      alarmTopicArn: this.alarms.topic.topicArn,
      deadLetterQueueUrl: this.delivery.deadLetterQueue.queueUrl,
      dashboardName: this.dashboard.dashboard.dashboardName,
      bootstrapAdminFunctionName: this.functions.bootstrapAdmin.function.functionName,
      adminTokenSecretPrefix: adminBootstrap.secretPrefix,
    });
  }
}
