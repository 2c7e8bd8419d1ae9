import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CfnElement } from 'aws-cdk-lib';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type HubConfig, readHubConfigFile } from '../../functions/config';
import { createHubStack } from '../../infra/hub-app';
import type { HubStack } from '../../infra/hub-stack';

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

export type Resource = { Type: string; Properties: Record<string, unknown> };
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
  readonly config: HubConfig;
  /** Logical id of the CloudFormation resource behind a construct (its default child). */
  logicalIdOf(construct: IConstruct): string;
  /** Statements of every identity policy attached to the role with this logical id. */
  statementsOfRole(roleId: string): Statement[];
}

/** Synthesizes the hub stack for the two-tenant fixture, bundling the handlers with the local esbuild. */
export function synthHubStack(): SynthesizedHub {
  const app = new App({
    context: { ...cdkJsonContext(), hubConfig: TWO_TENANTS_CONFIG },
    // Loading the CloudFormation schema costs ~20 s; `npm run synth` keeps that validation on.
    builtinCloudFormationValidation: false,
  });
  const stack = createHubStack(app, {});
  const template = Template.fromStack(stack);
  return {
    app,
    stack,
    template,
    config: readHubConfigFile(TWO_TENANTS_CONFIG),
    logicalIdOf: (construct) => {
      const element = (construct.node.defaultChild ?? construct) as CfnElement;
      return Stack.of(construct).getLogicalId(element);
    },
    statementsOfRole: (roleId) =>
      (Object.values(template.findResources('AWS::IAM::Policy')) as Resource[])
        .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
        .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement),
  };
}
