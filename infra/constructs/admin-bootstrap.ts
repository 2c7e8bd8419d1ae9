import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { HubFunction } from './hub-function';

/** Name prefix of the per-tenant admin token secrets the bootstrap function writes. */
const adminTokenSecretPrefixOf = (stage: string): string => `ocpi-hub/${stage}/admin-tokens/`;

export interface AdminBootstrapProps {
  /** The bootstrap-admin function (functions/handlers/bootstrap-admin.ts). */
  readonly fn: HubFunction;
  readonly stage: string;
  /** The hub's KMS key: it encrypts the keys secret and the admin token secrets alike. */
  readonly key: kms.IKey;
}

/**
 * What the bootstrap-admin function needs beyond every function's share (tenant role, keys secret):
 * to create and update the stage's admin token secrets, `ocpi-hub/<stage>/admin-tokens/<tenant>`,
 * encrypted with the hub's key (docs/operations.md "First admin token"). It creates them itself on
 * first use, so a tenant costs the stack no resource; `cdk destroy` leaves them, like the keys.
 */
export class AdminBootstrap extends Construct {
  readonly secretPrefix: string;

  constructor(scope: Construct, id: string, props: AdminBootstrapProps) {
    super(scope, id);
    this.secretPrefix = adminTokenSecretPrefixOf(props.stage);
    const { fn } = props;
    fn.function.addEnvironment('HUB_ADMIN_TOKEN_SECRET_PREFIX', this.secretPrefix);
    fn.function.addEnvironment('HUB_KEYS_KMS_KEY_ARN', props.key.keyArn);
    const secrets = Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${this.secretPrefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'secretsmanager:CreateSecret',
          'secretsmanager:PutSecretValue',
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
        ],
        resources: [secrets],
      }),
    );
    // Secrets Manager encrypts and decrypts with the key on the function's behalf, and only it may.
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.key.keyArn],
        conditions: {
          StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` },
        },
      }),
    );
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${this.secretPrefix}*]`,
      reason:
        "The stage's admin token secrets only, one per tenant, created on the function's first run for " +
        'that tenant (Secrets Manager appends a random suffix to every secret ARN, so a name needs a wildcard).',
    });
  }
}
