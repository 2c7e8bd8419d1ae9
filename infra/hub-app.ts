import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readHubConfigFile } from '../functions/config';
import { HubStack } from './hub-stack';
import { refuseUnsafeOutbound, stagedHubConfig } from './stage-config';
import { readStageSettings, type StageSettings } from './stage-settings';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** `OcpiHub-<stage>`: dev and prod are separate stacks in one account. */
export const stackNameOf = (stage: string): string => `OcpiHub-${stage}`;

/**
 * The tenants file both the CDK app and the local runtime read: the stage's `hubConfig` setting
 * (context), else env HUB_CONFIG, else hub.config.json; a relative path is taken from the repository root.
 */
export function hubConfigPathOf(app: App, env: NodeJS.ProcessEnv = process.env): string {
  return configPathOf(readStageSettings(app), env);
}

function configPathOf(settings: StageSettings, env: NodeJS.ProcessEnv): string {
  const path = settings.hubConfig || env.HUB_CONFIG || 'hub.config.json';
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

export class ReuseNeedsEnvironmentError extends Error {}

/** Builds the selected stage's stack (context `stage`, default dev) in `app` from its tenants file. */
export function createHubStack(app: App, env: NodeJS.ProcessEnv = process.env): HubStack {
  const settings = readStageSettings(app);
  const config = readHubConfigFile(configPathOf(settings, env));
  refuseUnsafeOutbound(config, settings);
  // Looking up retained resources needs the target account and region (the CLI sets them).
  if (settings.reuseRetained && !(env.CDK_DEFAULT_ACCOUNT && env.CDK_DEFAULT_REGION)) {
    throw new ReuseNeedsEnvironmentError(
      'reuseRetained looks up the retained tables and keys in the target account: run it through ' +
        '`npx cdk deploy` with AWS credentials (CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION are not set).',
    );
  }
  return new HubStack(app, stackNameOf(settings.stage), {
    config: stagedHubConfig(config, settings.stage),
    settings,
    env: settings.reuseRetained
      ? { account: env.CDK_DEFAULT_ACCOUNT, region: env.CDK_DEFAULT_REGION }
      : undefined,
    description: `Serverless multi-tenant OCPI 2.2.1 roaming hub, stage ${settings.stage}`,
  });
}

/** Makes synthesis fail on any cdk-nag AWS Solutions finding that is not acknowledged with a reason. */
export function addSecurityChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
