import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CfnElement } from 'aws-cdk-lib';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type HubConfig, readHubConfigFile } from '../../functions/config';
import { createHubStack } from '../../infra/hub-app';
import type { HubStack } from '../../infra/hub-stack';
import { stagedHubConfig } from '../../infra/stage-config';

export const TWO_TENANTS_CONFIG = fileURLToPath(
  new URL('./fixtures/two-tenants.config.json', import.meta.url),
);

/** The feature flags and settings `cdk synth` uses, so the tests see the template the CLI produces. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn?: string[];
  DeletionPolicy?: string;
};
export type Statement = {
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: unknown;
};

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

export interface SynthesizedHub {
  readonly app: App;
  readonly stack: HubStack;
  readonly template: Template;
  /** The stage's config, as the functions get it (table prefix with the stage). */
  readonly config: HubConfig;
  readonly resources: Record<string, Resource>;
  /** Logical id of the CloudFormation resource behind a construct (its default child). */
  logicalIdOf(construct: IConstruct): string;
  /** Statements of every identity policy attached to the role with this logical id. */
  statementsOfRole(roleId: string): Statement[];
  /** Resources of one type, by logical id. */
  ofType(type: string): Record<string, Resource>;
  /** Environment variables of a Lambda function. */
  environmentOf(fn: IConstruct): Record<string, unknown>;
}

export interface SynthOptions {
  /** Context on top of cdk.json's (stage, hubConfig, domainName, ...). */
  readonly context?: Record<string, unknown>;
  /** Environment of the CDK app (HUB_CONFIG, CDK_DEFAULT_ACCOUNT, ...). */
  readonly env?: NodeJS.ProcessEnv;
  /** Bundle the handlers with the local esbuild (slow); off, the template is the same but for asset hashes. */
  readonly bundle?: boolean;
}

/** Synthesizes the hub stack (default: the two-tenant fixture, stage dev). */
export function synthHubStack(options: SynthOptions = {}): SynthesizedHub {
  const app = new App({
    context: {
      ...cdkJsonContext(),
      hubConfig: TWO_TENANTS_CONFIG,
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...options.context,
    },
    // Loading the CloudFormation schema costs ~20 s; `npm run synth` keeps that validation on.
    builtinCloudFormationValidation: false,
  });
  const stack = createHubStack(app, options.env ?? {});
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const configPath = String(app.node.tryGetContext('hubConfig'));
  return {
    app,
    stack,
    template,
    resources,
    config: stagedHubConfig(readHubConfigFile(configPath), stack.settings.stage),
    logicalIdOf: (construct) => {
      const element = (construct.node.defaultChild ?? construct) as CfnElement;
      return Stack.of(construct).getLogicalId(element);
    },
    statementsOfRole: (roleId) =>
      (Object.values(template.findResources('AWS::IAM::Policy')) as Resource[])
        .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
        .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement),
    ofType: (type) => template.findResources(type) as Record<string, Resource>,
    environmentOf: (fn) => {
      const element = (fn.node.defaultChild ?? fn) as CfnElement;
      const environment = resources[stack.getLogicalId(element)]?.Properties.Environment as
        | { Variables: Record<string, unknown> }
        | undefined;
      return environment?.Variables ?? {};
    },
  };
}
