import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { HubConfig } from '../../functions/config';
import { createHubStack, stackNameOf } from '../../infra/hub-app';
import { cdkJsonContext, type Resource } from '../infra/synth-hub-stack';

/** One Lambda function of the synthesized stack: its built bundle and its environment as declared. */
export interface SynthesizedFunction {
  readonly logicalId: string;
  /** POWERTOOLS_SERVICE_NAME: names the function (ocpi-hub-ocpi, ocpi-hub-job-delivery-retry, ...). */
  readonly serviceName: string;
  /** The asset folder `cdk deploy` would upload: index.mjs, its source map and hub.config.json. */
  readonly assetDir: string;
  readonly handler: string;
  /** Environment variables; values CloudFormation resolves at deploy time are left as their intrinsic. */
  readonly environment: Readonly<Record<string, unknown>>;
}

export interface SynthesizedBundles {
  readonly outdir: string;
  readonly stage: string;
  readonly template: { Resources: Record<string, Resource & { Metadata?: Record<string, unknown> }> };
  readonly functions: readonly SynthesizedFunction[];
  /** The function whose POWERTOOLS_SERVICE_NAME is `serviceName`. */
  functionNamed(serviceName: string): SynthesizedFunction;
  remove(): void;
}

/**
 * `cdk synth` of the hub stack into a temporary cloud assembly, with the real bundling (the local
 * esbuild, as `npx cdk synth` does) and asset metadata on, so each function's template entry names
 * its asset folder (`aws:asset:path`). `config` is written as the stage's tenants file.
 */
export function synthBundles(config: HubConfig, stage = 'dev'): SynthesizedBundles {
  const outdir = mkdtempSync(join(tmpdir(), 'hub-bundles-'));
  const configPath = join(outdir, 'tenants.json');
  writeFileSync(configPath, JSON.stringify(config));
  const app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      stage,
      hubConfig: configPath,
      'aws:cdk:enable-asset-metadata': true,
    },
    builtinCloudFormationValidation: false,
  });
  createHubStack(app, {});
  const assembly = app.synth();
  const stackName = stackNameOf(stage);
  const template = JSON.parse(
    readFileSync(join(assembly.directory, `${stackName}.template.json`), 'utf8'),
  ) as SynthesizedBundles['template'];
  const functions = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
    .map(([logicalId, resource]): SynthesizedFunction => {
      const environment =
        (resource.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
        {};
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (typeof assetPath !== 'string') throw new Error(`${logicalId}: no aws:asset:path metadata`);
      return {
        logicalId,
        serviceName: String(environment.POWERTOOLS_SERVICE_NAME),
        assetDir: join(assembly.directory, assetPath),
        handler: String(resource.Properties.Handler),
        environment,
      };
    });
  return {
    outdir,
    stage,
    template,
    functions,
    functionNamed(serviceName) {
      const found = functions.find((f) => f.serviceName === serviceName);
      if (!found) throw new Error(`no function with service name ${serviceName} in the template`);
      return found;
    },
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
