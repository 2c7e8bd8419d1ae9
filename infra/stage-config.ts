import type { HubConfig } from '../functions/config';
import { type StageSettings, UNSAFE_OUTBOUND_STAGE } from './stage-settings';

/**
 * The tenants config as one stage's functions see it: table names carry the stage
 * (`<tablePrefix><stage>-<tenant>`), so dev and prod live side by side in one account. The stage
 * has no dash, so a table name maps back to exactly one stage and tenant.
 */
export function stagedHubConfig(config: HubConfig, stage: string): HubConfig {
  return { ...config, tablePrefix: `${config.tablePrefix}${stage}-` };
}

export class UnsafeOutboundError extends Error {}

/**
 * `outbound.allowHttp` and `allowPrivateAddresses` let the hub call plain-http and internal
 * addresses: fine for simulated partners on loopback, an SSRF door in a real network. Only the dev
 * stage deploys them, unless the operator overrides it on purpose.
 */
export function refuseUnsafeOutbound(config: HubConfig, settings: StageSettings): void {
  if (settings.stage === UNSAFE_OUTBOUND_STAGE || settings.allowUnsafeOutbound) return;
  const unsafe = config.tenants.flatMap((tenant) =>
    (['allowHttp', 'allowPrivateAddresses'] as const)
      .filter((flag) => tenant.outbound[flag])
      .map((flag) => `${tenant.id}: outbound.${flag}`),
  );
  if (unsafe.length === 0) return;
  throw new UnsafeOutboundError(
    `stage ${settings.stage} refuses tenant flags meant for local development only (${unsafe.join(', ')}). ` +
      'Remove them from the tenants file of this stage, or deploy with -c allowUnsafeOutbound=true ' +
      'if this stage really must reach http:// or private partner addresses.',
  );
}
