import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readHubConfigFile } from '../functions/config';
import { HubStack } from './hub-stack';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

export const HUB_STACK_NAME = 'OcpiHub';

/**
 * The tenants file both the CDK app and the local runtime read: context `hubConfig`, else env
 * HUB_CONFIG, else hub.config.json; a relative path is taken from the repository root.
 */
export function hubConfigPathOf(app: App, env: NodeJS.ProcessEnv = process.env): string {
  const fromContext: unknown = app.node.tryGetContext('hubConfig');
  const path =
    typeof fromContext === 'string' && fromContext ? fromContext : env.HUB_CONFIG || 'hub.config.json';
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

/** Builds the hub's stack in `app` from the tenants file. */
export function createHubStack(app: App, env: NodeJS.ProcessEnv = process.env): HubStack {
  return new HubStack(app, HUB_STACK_NAME, {
    config: readHubConfigFile(hubConfigPathOf(app, env)),
    description: 'Serverless multi-tenant OCPI 2.2.1 roaming hub',
  });
}

/** Makes synthesis fail on any cdk-nag AWS Solutions finding that is not acknowledged with a reason. */
export function addSecurityChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
