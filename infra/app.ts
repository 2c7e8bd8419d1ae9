import { App } from 'aws-cdk-lib';
import { ConfigError } from '../functions/config';
import { addSecurityChecks, createHubStack, ReuseNeedsEnvironmentError } from './hub-app';
import { UnsafeOutboundError } from './stage-config';
import { StageSettingsError } from './stage-settings';

/** Mistakes of the operator's settings: one clear sentence, no stack trace. */
const SETTINGS_ERRORS = [ConfigError, StageSettingsError, UnsafeOutboundError, ReuseNeedsEnvironmentError];

const app = new App();
try {
  createHubStack(app);
} catch (err) {
  if (!SETTINGS_ERRORS.some((type) => err instanceof type)) throw err;
  console.error(`cannot synthesize the hub: ${(err as Error).message}`);
  process.exit(1);
}
addSecurityChecks(app);
app.synth();
