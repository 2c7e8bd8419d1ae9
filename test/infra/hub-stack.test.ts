import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHubConfig, tableNameOf } from '../../functions/config';
import { DELIVERY_STREAM_FILTER_PATTERNS } from '../../functions/store/stream-changes';
import { TABLE_KEYS } from '../../functions/store/table-schema';
import { BUNDLED_CONFIG_NAME } from '../../infra/constructs/hub-function';
import { SCHEDULED_JOBS } from '../../infra/constructs/scheduled-jobs';
import { DELIVERY_PARALLELIZATION } from '../../infra/constructs/stream-delivery';
import { TENANT_ITEM_ACTIONS } from '../../infra/constructs/tenant-access-role';
import {
  actionsOf,
  type Resource,
  type Statement,
  type SynthesizedHub,
  synthHubStack,
} from './synth-hub-stack';

let hub: SynthesizedHub;
let functionIds: Record<string, string>;

beforeAll(() => {
  hub = synthHubStack();
  const { functions } = hub.stack;
  functionIds = {
    ocpi: hub.logicalIdOf(functions.ocpi.function),
    admin: hub.logicalIdOf(functions.admin.function),
    delivery: hub.logicalIdOf(functions.delivery.function),
    ...Object.fromEntries(
      [...functions.jobs].map(([job, fn]) => [`job ${job}`, hub.logicalIdOf(fn.function)]),
    ),
    'bootstrap-admin': hub.logicalIdOf(functions.bootstrapAdmin.function),
  };
}, 120_000);

const environmentOf = (functionId: string): Record<string, unknown> => {
  const environment = hub.resources[functionId]?.Properties.Environment as
    | { Variables: Record<string, unknown> }
    | undefined;
  return environment?.Variables ?? {};
};

describe('functions', () => {
  it('runs ocpi, admin, delivery and one function per scheduled job on Node 22, arm64, with tracing', () => {
    const functions = hub.template.findResources('AWS::Lambda::Function');

    expect(Object.keys(functionIds).sort()).toEqual([
      'admin',
      'bootstrap-admin',
      'delivery',
      'job command-timeouts',
      'job credential-rotation',
      'job delivery-retry',
      'job still-alive',
      'ocpi',
    ]);
    expect(Object.keys(functions).sort()).toEqual(Object.values(functionIds).sort());
    for (const { Properties } of Object.values(functions) as Resource[]) {
      expect(Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
    }
  });

  it('writes each function log to its own log group with a retention', () => {
    const resources = hub.template.toJSON().Resources as Record<string, Resource>;

    for (const { function: fn, logGroup } of hub.stack.functions.all) {
      const logGroupId = hub.logicalIdOf(logGroup);

      expect(resources[hub.logicalIdOf(fn)]?.Properties.LoggingConfig).toEqual({
        LogGroup: { Ref: logGroupId },
      });
      expect(resources[logGroupId]?.Properties.RetentionInDays).toBe(30);
    }
  });

  const assetDirOf = (functionId: string): string => {
    const { Properties } = hub.resources[functionId] as Resource;
    const assetHash = (Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    return join(hub.app.outdir, `asset.${assetHash}`);
  };

  it('bundles a minified ESM module with a require banner and a source map', () => {
    const assetDir = assetDirOf(functionIds.ocpi!);

    const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');

    expect(bundle.startsWith("import { createRequire as topLevelCreateRequire } from 'node:module';")).toBe(
      true,
    );
    expect(bundle).toContain('export{');
    expect(bundle).toContain('//# sourceMappingURL=index.mjs.map');
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
  });

  it('bundles the stage tenants file beside every handler instead of an environment variable', () => {
    for (const id of Object.values(functionIds)) {
      const bundled = readFileSync(join(assetDirOf(id), BUNDLED_CONFIG_NAME), 'utf8');
      const variables = environmentOf(id);

      expect(parseHubConfig(JSON.parse(bundled), 'bundle')).toEqual(hub.config);
      expect(hub.config.tablePrefix).toBe('test-hub-dev-');
      expect(variables.HUB_CONFIG_FILE).toBe(BUNDLED_CONFIG_NAME);
      expect(JSON.stringify(variables)).not.toContain('alpha');
    }
  });

  it('gives every function the keys secret, the tenant role, the public URL and its own service name', () => {
    const roleId = hub.logicalIdOf(hub.stack.tenantAccess.role);
    const secretId = hub.logicalIdOf(hub.stack.keys.secret);

    const serviceNames = Object.values(functionIds).map((id) => {
      const variables = environmentOf(id);
      expect(variables).toMatchObject({
        TENANT_ACCESS_ROLE_ARN: { 'Fn::GetAtt': [roleId, 'Arn'] },
        HUB_KEYS_SECRET_ARN: { Ref: secretId },
        HUB_PUBLIC_URL: expect.anything(),
        LOG_LEVEL: 'INFO',
      });
      // Source maps are not loaded at start: Node would parse the map at every cold start
      // (infra/function-bundling.ts); the map ships beside the bundle for reading a stack trace.
      expect(variables.NODE_OPTIONS).toBeUndefined();
      return variables.POWERTOOLS_SERVICE_NAME;
    });

    expect(serviceNames.sort()).toEqual([
      'ocpi-hub-admin',
      'ocpi-hub-bootstrap-admin',
      'ocpi-hub-delivery',
      'ocpi-hub-job-command-timeouts',
      'ocpi-hub-job-credential-rotation',
      'ocpi-hub-job-delivery-retry',
      'ocpi-hub-job-still-alive',
      'ocpi-hub-ocpi',
    ]);
  });

  it('reserves concurrency for delivery (at least 10) and one run per scheduled job', () => {
    const reserved = (id: string) => hub.resources[id]?.Properties.ReservedConcurrentExecutions;

    expect(reserved(functionIds.delivery!)).toBe(10);
    expect(reserved(functionIds.ocpi!)).toBeUndefined();
    expect(reserved(functionIds.admin!)).toBeUndefined();
    for (const fn of hub.stack.functions.jobs.values())
      expect(reserved(hub.logicalIdOf(fn.function))).toBe(1);
  });
});

describe('api', () => {
  it('routes the OCPI and admin proxies and /health to their functions', () => {
    const resources = hub.template.toJSON().Resources as Record<string, Resource>;
    const pathOf = (id: string): string => {
      const { ParentId, PathPart } = resources[id]!.Properties as {
        ParentId: { Ref?: string };
        PathPart: string;
      };
      return ParentId.Ref ? `${pathOf(ParentId.Ref)}/${PathPart}` : `/${PathPart}`;
    };
    const targetOf = (integration: unknown): string | undefined =>
      Object.entries(functionIds).find(([, id]) => JSON.stringify(integration).includes(`"${id}"`))?.[0];

    const routes = Object.values(hub.template.findResources('AWS::ApiGateway::Method')).map((method) => {
      const { HttpMethod, ResourceId, Integration, AuthorizationType } = (method as Resource).Properties as {
        HttpMethod: string;
        ResourceId: { Ref: string };
        Integration: { Type: string };
        AuthorizationType: string;
      };
      return `${HttpMethod} ${pathOf(ResourceId.Ref)} ${Integration.Type} -> ${targetOf(Integration)} (${AuthorizationType})`;
    });

    expect(routes.sort()).toEqual([
      'ANY /{tenant}/admin/{proxy+} AWS_PROXY -> admin (NONE)',
      'ANY /{tenant}/ocpi/{proxy+} AWS_PROXY -> ocpi (NONE)',
      'GET /health AWS_PROXY -> admin (NONE)',
    ]);
  });

  it('throttles the stage, logs access to a log group and never traces request data', () => {
    const accessLogsId = hub.logicalIdOf(hub.stack.api.accessLogs);
    const stages = Object.values(hub.template.findResources('AWS::ApiGateway::Stage')) as Resource[];
    const stage = stages[0]!.Properties;

    expect(stages).toHaveLength(1);
    expect(JSON.stringify(stage.AccessLogSetting)).toContain(`"${accessLogsId}"`);
    expect(stage).toMatchObject({
      StageName: 'dev',
      TracingEnabled: true,
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: false }],
    });
    const [settings] = stage.MethodSettings as {
      ThrottlingRateLimit: number;
      ThrottlingBurstLimit: number;
    }[];
    expect(settings!.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(settings!.ThrottlingBurstLimit).toBeGreaterThanOrEqual(settings!.ThrottlingRateLimit);
    expect(hub.template.toJSON().Resources[accessLogsId].Properties.RetentionInDays).toBe(90);
  });

  it('protects the stage with a WAF web ACL holding a rate rule and the AWS common rule set', () => {
    const stageId = hub.logicalIdOf(hub.stack.api.api.deploymentStage);
    const [aclId] = Object.keys(hub.template.findResources('AWS::WAFv2::WebACL'));

    hub.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: Match.objectLike({ CustomResponse: Match.objectLike({ ResponseCode: 429 }) }) },
          Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP' }) },
        }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
            }),
          },
        }),
      ]),
    });
    const associations = Object.values(
      hub.template.findResources('AWS::WAFv2::WebACLAssociation'),
    ) as Resource[];

    expect(associations).toHaveLength(1);
    expect(associations[0]?.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(JSON.stringify(associations[0]?.Properties.ResourceArn)).toContain(`"${stageId}"`);
  });
});

describe('tenant tables', () => {
  it('creates one retained, encrypted, streamed table per tenant of the config file', () => {
    const keyId = hub.logicalIdOf(hub.stack.tables.key);
    const tables = Object.values(hub.template.findResources('AWS::DynamoDB::Table'));

    expect(tables).toHaveLength(2);
    for (const tenant of hub.config.tenants) {
      hub.template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          TableName: tableNameOf(hub.config, tenant.id),
          BillingMode: 'PAY_PER_REQUEST',
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: {
            SSEEnabled: true,
            SSEType: 'KMS',
            KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
          },
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
        },
      });
    }
    hub.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('gives every table the shared key schema with gsi1 and gsi2 projecting all attributes', () => {
    const stringKeys = [
      TABLE_KEYS.partitionKey,
      TABLE_KEYS.sortKey,
      ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ];

    for (const { Properties } of Object.values(
      hub.template.findResources('AWS::DynamoDB::Table'),
    ) as Resource[]) {
      expect(Properties.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      expect(Properties.AttributeDefinitions).toEqual(
        expect.arrayContaining(stringKeys.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
      );
      expect(Properties.GlobalSecondaryIndexes).toEqual(
        TABLE_KEYS.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      );
    }
  });

  it('feeds every table stream to the delivery function with retries, bisection and an encrypted DLQ', () => {
    const queueId = hub.logicalIdOf(hub.stack.delivery.deadLetterQueue);
    const mappings = Object.values(
      hub.template.findResources('AWS::Lambda::EventSourceMapping'),
    ) as Resource[];
    const streamTables = mappings.map(
      (m) => (m.Properties.EventSourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'],
    );

    expect(streamTables.sort()).toEqual(
      [...hub.stack.tables.tables.values()].map((table) => [hub.logicalIdOf(table), 'StreamArn']).sort(),
    );
    for (const { Properties } of mappings) {
      // No batching window: it would hold every delivery up to its length (issue #12 latency).
      expect(Properties.MaximumBatchingWindowInSeconds ?? 0).toBe(0);
      expect(Properties).toMatchObject({
        FunctionName: { Ref: functionIds.delivery },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 5,
        BisectBatchOnFunctionError: true,
        MaximumRecordAgeInSeconds: 6 * 3600,
        BatchSize: 100,
        ParallelizationFactor: DELIVERY_PARALLELIZATION,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
        FilterCriteria: {
          Filters: DELIVERY_STREAM_FILTER_PATTERNS.map((pattern) => ({ Pattern: JSON.stringify(pattern) })),
        },
      });
    }
    hub.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    hub.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('tenant isolation', () => {
  it('lets the tenant role reach only the table named by the TenantId session tag', () => {
    const roleId = hub.logicalIdOf(hub.stack.tenantAccess.role);
    const keyId = hub.logicalIdOf(hub.stack.tables.key);
    const statements = hub.statementsOfRole(roleId);
    const dynamo = statements.find((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));

    expect(actionsOf(dynamo!).sort()).toEqual([...TENANT_ITEM_ACTIONS].sort());
    const resources = JSON.stringify(dynamo!.Resource);
    expect(resources).toContain(`:table/test-hub-dev-\${aws:PrincipalTag/TenantId}"`);
    expect(resources).toContain(`:table/test-hub-dev-\${aws:PrincipalTag/TenantId}/index/*"`);
    expect((dynamo!.Resource as unknown[]).length).toBe(2);
    const kms = statements.find((s) => actionsOf(s).includes('kms:Decrypt'));
    expect(actionsOf(kms!)).toEqual(
      expect.arrayContaining(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']),
    );
    expect(kms!.Resource).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  it('is assumable only by the function roles, and only with a TenantId tag', () => {
    const roleId = hub.logicalIdOf(hub.stack.tenantAccess.role);
    const trust = hub.resources[roleId]!.Properties.AssumeRolePolicyDocument as { Statement: Statement[] };
    const functionRoleArns = hub.stack.functions.all
      .map((fn) => ({ 'Fn::GetAtt': [hub.logicalIdOf(fn.role), 'Arn'] }))
      .map((arn) => JSON.stringify(arn))
      .sort();

    expect(trust.Statement).toHaveLength(1);
    const [statement] = trust.Statement;
    expect(actionsOf(statement!).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect(JSON.stringify(statement!.Principal)).toContain(':root');
    const condition = statement!.Condition as {
      ArnEquals: { 'aws:PrincipalArn': unknown[] };
      Null: Record<string, string>;
    };
    expect(condition.ArnEquals['aws:PrincipalArn'].map((arn) => JSON.stringify(arn)).sort()).toEqual(
      functionRoleArns,
    );
    expect(condition.Null).toEqual({ 'aws:RequestTag/TenantId': 'false' });
  });

  it('lets every function role tag a session only with a tenant of this stage', () => {
    const tenantRoleArn = { 'Fn::GetAtt': [hub.logicalIdOf(hub.stack.tenantAccess.role), 'Arn'] };

    for (const { role } of hub.stack.functions.all) {
      const statements = hub.statementsOfRole(hub.logicalIdOf(role));

      expect(statements).toContainEqual(
        expect.objectContaining({ Action: 'sts:AssumeRole', Resource: tenantRoleArn }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: 'sts:TagSession',
          Resource: tenantRoleArn,
          Condition: {
            StringEquals: { 'aws:RequestTag/TenantId': ['alpha', 'beta-net'] },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['TenantId'] },
          },
        }),
      );
    }
  });

  it('grants no function role a DynamoDB item action', () => {
    for (const { role } of hub.stack.functions.all) {
      const roleId = hub.logicalIdOf(role);
      const statements = hub.statementsOfRole(roleId);
      const dynamoActions = statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:'));

      expect(
        dynamoActions.filter(
          (a) => !/^dynamodb:(ListStreams|DescribeStream|GetRecords|GetShardIterator)$/.test(a),
        ),
      ).toEqual([]);
      expect(hub.resources[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
    const streamRead = hub
      .statementsOfRole(hub.logicalIdOf(hub.stack.functions.delivery.role))
      .find((s) => actionsOf(s).includes('dynamodb:GetRecords'));
    expect(JSON.stringify(streamRead?.Resource)).toContain(':table/test-hub-dev-*/stream/*');
  });
});

describe('keys and schedules', () => {
  it('keeps 64 bytes of generated key material in a KMS-encrypted secret every function can read', () => {
    const keyId = hub.logicalIdOf(hub.stack.keys.key);
    const secretId = hub.logicalIdOf(hub.stack.keys.secret);

    hub.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'ocpi-hub/dev/keys',
      KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'keyMaterial', PasswordLength: 128 }),
    });
    expect(hub.template.toJSON().Resources[keyId].Properties.EnableKeyRotation).toBe(true);
    for (const { role } of hub.stack.functions.all) {
      expect(hub.statementsOfRole(hub.logicalIdOf(role))).toContainEqual(
        expect.objectContaining({
          Action: expect.arrayContaining(['secretsmanager:GetSecretValue']),
          Resource: { Ref: secretId },
        }),
      );
    }
  });

  it('invokes each job function with its job name, never retrying into the next run', () => {
    const rules = Object.values(hub.ofType('AWS::Events::Rule'));
    const schedules = rules.map(({ Properties }) => {
      const [target] = Properties.Targets as {
        Arn: { 'Fn::GetAtt': string[] };
        Input: string;
        RetryPolicy: unknown;
      }[];
      const { job } = JSON.parse(target!.Input) as { job: string };
      expect(target!.Arn).toEqual({ 'Fn::GetAtt': [functionIds[`job ${job}`], 'Arn'] });
      expect(target!.RetryPolicy).toEqual({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 });
      return `${Properties.ScheduleExpression} ${job}`;
    });

    expect(schedules.sort()).toEqual([
      'rate(1 hour) credential-rotation',
      'rate(1 minute) command-timeouts',
      'rate(1 minute) delivery-retry',
      'rate(5 minutes) still-alive',
    ]);
  });

  it('ends every job run before its next tick and drops a run that could not start in time', () => {
    const invokeConfigs = Object.values(hub.ofType('AWS::Lambda::EventInvokeConfig'));

    for (const { job, every } of SCHEDULED_JOBS) {
      const fn = hub.stack.functions.jobs.get(job)!;
      const functionId = hub.logicalIdOf(fn.function);
      const timeout = hub.resources[functionId]?.Properties.Timeout as number;

      expect(timeout).toBeLessThan(every.toSeconds());
      expect(invokeConfigs).toContainEqual(
        expect.objectContaining({
          Properties: expect.objectContaining({
            FunctionName: { Ref: functionId },
            MaximumEventAgeInSeconds: 60,
            MaximumRetryAttempts: 0,
          }),
        }),
      );
    }
  });
});

describe('admin bootstrap (issue #10 finding 9)', () => {
  it("lets only the bootstrap function write the stage's admin token secrets, encrypted with the hub key", () => {
    const bootstrap = hub.stack.functions.bootstrapAdmin;
    const keyId = hub.logicalIdOf(hub.stack.keys.key);
    const secretStatements = (fn: { role: IConstruct }) =>
      hub
        .statementsOfRole(hub.logicalIdOf(fn.role))
        .filter((s) =>
          actionsOf(s).some(
            (a) => a === 'secretsmanager:CreateSecret' || a === 'secretsmanager:PutSecretValue',
          ),
        );

    expect(hub.environmentOf(bootstrap.function)).toMatchObject({
      HUB_ADMIN_TOKEN_SECRET_PREFIX: 'ocpi-hub/dev/admin-tokens/',
      HUB_KEYS_KMS_KEY_ARN: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    const [write] = secretStatements(bootstrap);
    expect(actionsOf(write as Statement).sort()).toEqual([
      'secretsmanager:CreateSecret',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
    ]);
    expect(JSON.stringify(write?.Resource)).toContain(':secret:ocpi-hub/dev/admin-tokens/*');
    expect(hub.statementsOfRole(hub.logicalIdOf(bootstrap.role))).toContainEqual(
      expect.objectContaining({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': expect.anything() } },
      }),
    );
    for (const fn of hub.stack.functions.all.filter((f) => f !== bootstrap))
      expect(secretStatements(fn)).toEqual([]);
  });

  it('names the bootstrap function and the secret prefix in the stack outputs', () => {
    const outputs = hub.template.toJSON().Outputs as Record<string, { Value: unknown }>;

    expect(outputs.BootstrapAdminFunctionName?.Value).toEqual({
      Ref: hub.logicalIdOf(hub.stack.functions.bootstrapAdmin.function),
    });
    expect(outputs.AdminTokenSecretPrefix?.Value).toBe('ocpi-hub/dev/admin-tokens/');
  });
});

describe('security checks', () => {
  it('leaves no unacknowledged cdk-nag AWS Solutions finding', () => {
    const report = new AwsSolutionsChecks(hub.app).validateScope(hub.app);

    expect(
      report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath)}`),
    ).toEqual([]);
  });

  it('gives every acknowledged finding a written reason', () => {
    const acknowledgements = hub.app.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.values(entry.data as Record<string, string>));

    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const reason of acknowledgements) expect(reason.length).toBeGreaterThan(40);
  });

  it('synthesizes without CDK errors or warnings', () => {
    const annotations = Annotations.fromStack(hub.stack);

    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});
