import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ESM_REQUIRE_BANNER, FUNCTION_BUNDLING, FUNCTION_NODE_FLAGS } from '../function-bundling';

/** Root of the repository: the bundler resolves package.json, the lock file and tsconfig from here. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const shellQuote = (path: string): string => `'${path.replaceAll("'", "'\\''")}'`;

const FUNCTION_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/** Name of the tenants file inside every function bundle (HUB_CONFIG_FILE). */
export const BUNDLED_CONFIG_NAME = 'hub.config.json';

export interface HubFunctionProps {
  /** Absolute path of the handler file (export `handler`). */
  readonly entry: string;
  readonly description: string;
  /** POWERTOOLS_SERVICE_NAME: every function logs under its own service name. */
  readonly serviceName: string;
  readonly environment: Readonly<Record<string, string>>;
  /** The stage's tenants file on this machine, copied into the bundle as hub.config.json. */
  readonly configFile: BundledConfigFile;
  readonly timeout: Duration;
  readonly memorySize?: number;
  /** Reserved concurrency: guaranteed to this function and its ceiling. */
  readonly reservedConcurrency?: number;
  /** Asynchronous invocations (EventBridge): how long an event may wait and how often it is retried. */
  readonly asyncInvoke?: { readonly maxEventAge: Duration; readonly retryAttempts: number };
}

export interface BundledConfigFile {
  readonly path: string;
  /** Content digest: part of the bundling options, so a changed tenants file is a new asset. */
  readonly digest: string;
}

/**
 * One Lambda function with the hub's defaults: Node 22 on arm64, a minified ESM bundle built by the
 * local esbuild (no Docker) with a source map beside it (infra/function-bundling.ts says why Node
 * does not load it at start), X-Ray tracing and an explicit log group
 * with a retention. The function gets its own role holding only what the stack grants it, so no
 * AWS managed policy is attached.
 */
export class HubFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HubFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: FUNCTION_LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the hub's ${id} function`,
    });
    this.logGroup.grantWrite(this.role);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments and PutTelemetryRecords (active tracing) have no resource-level permissions.',
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      maxEventAge: props.asyncInvoke?.maxEventAge,
      retryAttempts: props.asyncInvoke?.retryAttempts,
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        ...(FUNCTION_NODE_FLAGS.length > 0 ? { NODE_OPTIONS: FUNCTION_NODE_FLAGS.join(' ') } : {}),
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        HUB_CONFIG_FILE: BUNDLED_CONFIG_NAME,
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: FUNCTION_BUNDLING.target,
        banner: ESM_REQUIRE_BANNER,
        mainFields: [...FUNCTION_BUNDLING.mainFields],
        minify: FUNCTION_BUNDLING.minify,
        keepNames: FUNCTION_BUNDLING.keepNames,
        sourceMap: FUNCTION_BUNDLING.sourceMap,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: FUNCTION_BUNDLING.sourcesContent,
        // Pin the SDK version we test against instead of the one the runtime happens to ship.
        bundleAwsSDK: true,
        logLevel: LogLevel.ERROR,
        // The tenants file travels in the bundle, not in the 4 KB environment.
        environment: { HUB_CONFIG_DIGEST: props.configFile.digest },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => [
            `cp ${shellQuote(props.configFile.path)} ${shellQuote(join(outputDir, BUNDLED_CONFIG_NAME))}`,
          ],
        },
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The design fixes Node.js 22 (a maintained LTS line until April 2027), the version the code is ' +
        'tested against; moving to a newer runtime is a deliberate change made here once tested.',
    });
  }
}
