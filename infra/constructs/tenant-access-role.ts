import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Session tag naming the one tenant whose table a session may reach. */
const TENANT_TAG = 'TenantId';

/** Item-level DynamoDB actions a tenant session needs; no table management, no streams. */
export const TENANT_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export interface TenantAccessRoleProps {
  readonly tablePrefix: string;
  readonly tenantIds: readonly string[];
  /** Roles of the functions that assume this role with a TenantId session tag. */
  readonly callers: readonly iam.IRole[];
  readonly tableKey: kms.IKey;
}

/**
 * The only principal with access to tenant tables. A function assumes it per request with the session
 * tag TenantId=<tenant>, and the policy names the table through ${aws:PrincipalTag/TenantId}, so a
 * session can only ever reach the table of the tenant it was tagged with.
 *
 * The trust policy names the account and the caller roles by condition, which hands the decision to
 * the callers' own policies: they may tag a session only with a tenant of this stage. Listing the
 * tenants there rather than in the trust policy keeps the trust policy within IAM's 2,048 characters
 * at 100 tenants.
 */
export class TenantAccessRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: TenantAccessRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const tagKey = `aws:RequestTag/${TENANT_TAG}`;
    this.role = new iam.Role(this, 'Role', {
      description: 'Tenant-scoped access to one tenant table, chosen by the TenantId session tag',
      assumedBy: new iam.SessionTagsPrincipal(
        new iam.PrincipalWithConditions(new iam.AccountPrincipal(stack.account), {
          ArnEquals: { 'aws:PrincipalArn': props.callers.map((caller) => caller.roleArn) },
          Null: { [tagKey]: 'false' },
        }),
      ),
    });

    const tableArn = stack.formatArn({
      service: 'dynamodb',
      resource: 'table',
      resourceName: `${props.tablePrefix}\${aws:PrincipalTag/${TENANT_TAG}}`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...TENANT_ITEM_ACTIONS],
        resources: [tableArn, `${tableArn}/index/*`],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [props.tableKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.amazonaws.com` } },
      }),
    );
    for (const caller of props.callers) {
      caller.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [this.role.roleArn] }),
      );
      caller.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['sts:TagSession'],
          resources: [this.role.roleArn],
          conditions: {
            StringEquals: { [tagKey]: [...props.tenantIds] },
            'ForAllValues:StringEquals': { 'aws:TagKeys': [TENANT_TAG] },
          },
        }),
      );
    }

    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${props.tablePrefix}<aws:PrincipalTag/${TENANT_TAG}>/index/*]`,
      reason:
        "Queries on a tenant table's indexes need the index ARNs; the wildcard only covers the indexes of " +
        'the one table named by the TenantId session tag.',
    });
  }
}
