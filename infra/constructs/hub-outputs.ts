import { CfnOutput, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { type HubConfig, tableNameOf } from '../../functions/config';

export interface HubOutputsProps {
  readonly config: HubConfig;
  readonly publicUrl: string;
  readonly alarmTopicArn: string;
  readonly deadLetterQueueUrl: string;
  readonly dashboardName: string;
  readonly bootstrapAdminFunctionName: string;
  readonly adminTokenSecretPrefix: string;
}

/** `Tenant` + the tenant id in PascalCase, e.g. TenantBetaNet; CloudFormation ids are alphanumeric. */
function tenantOutputIdOf(tenantId: string): string {
  const pascal = tenantId
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `Tenant${pascal}`;
}

/**
 * What an operator needs after `cdk deploy` (docs/operations.md "Stages"): the public URL, per tenant
 * one JSON output with its OCPI versions URL, admin URL and table (one output per tenant keeps 100
 * tenants within CloudFormation's 200 outputs), the alarm topic, the dead-letter queue and the dashboard.
 */
export class HubOutputs extends Construct {
  constructor(scope: Construct, id: string, props: HubOutputsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const output = (outputId: string, value: string, description: string) => {
      new CfnOutput(stack, outputId, { value, description });
    };
    output('PublicUrl', props.publicUrl, 'Base URL partners reach the hub at');
    const used = new Set<string>();
    for (const tenant of props.config.tenants) {
      let outputId = tenantOutputIdOf(tenant.id);
      // `ab-1` and `ab1` both read TenantAb1: the second gets a suffix rather than failing the synth.
      for (let n = 2; used.has(outputId); n++) outputId = `${tenantOutputIdOf(tenant.id)}N${n}`;
      used.add(outputId);
      const base = `${props.publicUrl}/${tenant.id}`;
      output(
        outputId,
        stack.toJsonString({
          tenant: tenant.id,
          versions_url: `${base}/ocpi/versions`,
          admin_url: `${base}/admin`,
          table: tableNameOf(props.config, tenant.id),
        }),
        `Tenant ${tenant.id}: OCPI versions URL, admin API base URL and table`,
      );
    }
    output('AlarmTopicArn', props.alarmTopicArn, 'SNS topic every alarm notifies');
    output('DeadLetterQueueUrl', props.deadLetterQueueUrl, 'Stream records delivery gave up on');
    output('DashboardName', props.dashboardName, 'CloudWatch dashboard of this stage');
    output(
      'BootstrapAdminFunctionName',
      props.bootstrapAdminFunctionName,
      'Invoke with {"tenant":"<id>"} for an admin token in the tenant\'s secret',
    );
    output(
      'AdminTokenSecretPrefix',
      props.adminTokenSecretPrefix,
      'Admin token secrets: this prefix + the tenant id',
    );
  }
}
