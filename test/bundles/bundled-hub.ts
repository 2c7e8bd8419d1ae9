import { randomBytes, randomUUID } from 'node:crypto';
import { type HubConfig, tableNameOf } from '../../functions/config';
import { ensureTable } from '../../functions/store/table-admin';
import { stagedHubConfig } from '../../infra/stage-config';
import { testDynamoClient, testDynamoEndpoint } from '../support/dynamo';
import { type ApiGatewayStandIn, startApiGatewayStandIn } from './api-gateway-stand-in';
import {
  type SecretsManagerStandIn,
  type StandIn,
  startSecretsManagerStandIn,
  startStsStandIn,
} from './aws-stand-ins';
import { type LambdaProcess, startLambdaProcess } from './lambda-process';
import { type SynthesizedBundles, synthBundles } from './synth-bundles';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
/** The Lambda execution role's credentials, as the runtime puts them in the environment. */
export const EXECUTION_ROLE_KEY_ID = 'ASIAEXECUTIONROLE';

/** What CloudFormation would fill into the functions' environment at deploy time. */
const deployTimeValues = (stage: string, publicUrl: string) => ({
  HUB_KEYS_SECRET_ARN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:ocpi-hub/${stage}/keys-AbCdEf`,
  HUB_KEYS_KMS_KEY_ARN: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${randomUUID()}`,
  TENANT_ACCESS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/OcpiHub-${stage}-TenantAccessRole`,
  HUB_PUBLIC_URL: publicUrl,
});

export interface BundledHub {
  readonly bundles: SynthesizedBundles;
  /** The stage's tenants file as the bundles carry it (table prefix with the stage). */
  readonly config: HubConfig;
  readonly gateway: ApiGatewayStandIn;
  readonly sts: StandIn;
  readonly secrets: SecretsManagerStandIn;
  readonly ocpi: LambdaProcess;
  readonly admin: LambdaProcess;
  readonly delivery: LambdaProcess;
  /** The scheduled job functions by job name (one bundle, one function per job). */
  readonly jobs: ReadonlyMap<string, LambdaProcess>;
  readonly bootstrapAdmin: LambdaProcess;
  tableOf(tenantId: string): string;
  /** The input the job's EventBridge rule sends its function (the rule target's `Input`). */
  scheduledEventOf(job: string): unknown;
  stop(): Promise<void>;
}

/**
 * The hub as `cdk deploy` would ship it, run on this machine: one synth with the real bundling, each
 * function's bundle in its own Node process, API Gateway, STS and Secrets Manager stood in on
 * loopback, the tenant tables in the test run's DynamoDB Local (created as the local hub creates them).
 */
export async function startBundledHub(tenants: HubConfig, stage = 'dev'): Promise<BundledHub> {
  const bundles = synthBundles(tenants, stage);
  const config = stagedHubConfig(tenants, stage);
  const started: Array<{ stop(): Promise<void> } | { close(): Promise<void> }> = [];
  const stopAll = async () => {
    await Promise.all(started.map((s) => ('stop' in s ? s.stop() : s.close())));
    bundles.remove();
  };
  try {
    const processes = new Map<string, LambdaProcess>();
    const gateway = await startApiGatewayStandIn({ template: bundles.template, stage, functions: processes });
    started.push(gateway);
    const resolved = deployTimeValues(stage, gateway.url);
    const secrets = await startSecretsManagerStandIn({
      [resolved.HUB_KEYS_SECRET_ARN]: JSON.stringify({ keyMaterial: randomBytes(64).toString('hex') }),
    });
    started.push(secrets);
    const sts = await startStsStandIn();
    started.push(sts);
    for (const tenant of config.tenants)
      await ensureTable(testDynamoClient(), tableNameOf(config, tenant.id));

    const runtimeEnv = {
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_ACCESS_KEY_ID: EXECUTION_ROLE_KEY_ID,
      AWS_SECRET_ACCESS_KEY: randomBytes(20).toString('hex'),
      AWS_SESSION_TOKEN: randomBytes(32).toString('base64'),
      AWS_ENDPOINT_URL_DYNAMODB: testDynamoEndpoint(),
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      // The bootstrap function's SDK client would warn about Node 20 on every call.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const start = async (serviceName: string) => {
      const fn = bundles.functionNamed(serviceName);
      const lambda = await startLambdaProcess(fn, { resolved, runtimeEnv });
      started.push(lambda);
      processes.set(fn.logicalId, lambda);
      return lambda;
    };
    const jobNames = bundles.functions
      .map((f) => /^ocpi-hub-job-(.+)$/.exec(f.serviceName)?.[1])
      .filter((job): job is string => job !== undefined);
    const [ocpi, admin, delivery, bootstrapAdmin, ...jobProcesses] = await Promise.all([
      start('ocpi-hub-ocpi'),
      start('ocpi-hub-admin'),
      start('ocpi-hub-delivery'),
      start('ocpi-hub-bootstrap-admin'),
      ...jobNames.map((job) => start(`ocpi-hub-job-${job}`)),
    ]);
    const jobs = new Map(jobNames.map((job, i) => [job, jobProcesses[i] as LambdaProcess]));
    return {
      bundles,
      config,
      gateway,
      sts,
      secrets,
      ocpi: ocpi as LambdaProcess,
      admin: admin as LambdaProcess,
      delivery: delivery as LambdaProcess,
      bootstrapAdmin: bootstrapAdmin as LambdaProcess,
      jobs,
      tableOf: (tenantId) => tableNameOf(config, tenantId),
      scheduledEventOf: (job) => scheduledEventOf(bundles, job),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function scheduledEventOf(bundles: SynthesizedBundles, job: string): unknown {
  const fn = bundles.functionNamed(`ocpi-hub-job-${job}`);
  for (const resource of Object.values(bundles.template.Resources)) {
    if (resource.Type !== 'AWS::Events::Rule') continue;
    const targets = resource.Properties.Targets as Array<{ Arn: unknown; Input?: string }>;
    const target = targets.find((t) => JSON.stringify(t.Arn).includes(`"${fn.logicalId}"`));
    if (target?.Input) return JSON.parse(target.Input) as unknown;
  }
  throw new Error(`no EventBridge rule invokes ${fn.serviceName}`);
}
