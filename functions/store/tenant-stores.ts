import { environmentCredentials, environmentRegion } from '../aws/aws-http';
import { type AssumedCredentials, StsClient } from '../aws/sts';
import { type HubConfig, tableNameOf } from '../config';
import { createDataClient } from './data-client';
import type { DynamoClient } from './dynamo-api';
import { TenantRepositories } from './tenant-repositories';
import { TenantTable } from './tenant-table';

/** Hands out one tenant's repositories; the only way code reaches tenant data. */
export interface TenantStores {
  forTenant(tenantId: string): TenantRepositories;
}

/** Local mode: one client (DynamoDB Local has no IAM), one table per tenant. */
export function sharedClientTenantStores(client: DynamoClient, config: HubConfig): TenantStores {
  const repositories = new Map(
    config.tenants.map((t) => [
      t.id,
      new TenantRepositories(new TenantTable(client, tableNameOf(config, t.id))),
    ]),
  );
  return {
    forTenant(tenantId) {
      const found = repositories.get(tenantId);
      if (!found) throw new Error(`unknown tenant ${tenantId}`);
      return found;
    },
  };
}

/** Refresh this long before expiry so no request runs on credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * AWS mode: each tenant's table is reached with credentials of the tenant-access role assumed with a
 * `TenantId` session tag. The role's policy names the table through `${aws:PrincipalTag/TenantId}`, so
 * a bug that mixes tenants up is refused by IAM instead of reading another tenant's data. Every
 * tenant's role is assumed as soon as the stores exist (the function's init), so the first request
 * does not wait for STS; a failed early attempt is retried by the first use.
 */
export function assumedRoleTenantStores(opts: {
  config: HubConfig;
  roleArn: string;
  region?: string;
  sts?: Pick<StsClient, 'assumeRole'>;
  now?: () => number;
}): TenantStores {
  const region = opts.region ?? environmentRegion();
  const sts = opts.sts ?? new StsClient({ region, credentials: environmentCredentials() });
  const now = opts.now ?? Date.now;
  const repositories = new Map<string, TenantRepositories>();

  function credentialsFor(tenantId: string) {
    let cached: AssumedCredentials | undefined;
    let pending: Promise<AssumedCredentials> | undefined;
    const assume = () =>
      sts.assumeRole({
        roleArn: opts.roleArn,
        sessionName: `tenant-${tenantId}`,
        tags: { TenantId: tenantId },
        durationSeconds: 3600,
      });
    return async () => {
      if (cached && cached.expiration.getTime() - REFRESH_MARGIN_MS > now()) return cached;
      pending ??= assume().finally(() => {
        pending = undefined;
      });
      cached = await pending;
      return cached;
    };
  }

  const credentials = new Map(opts.config.tenants.map((t) => [t.id, credentialsFor(t.id)]));
  for (const provider of credentials.values()) provider().catch(() => undefined);

  return {
    forTenant(tenantId) {
      const provider = credentials.get(tenantId);
      if (!provider) throw new Error(`unknown tenant ${tenantId}`);
      let found = repositories.get(tenantId);
      if (!found) {
        const client = createDataClient({ region, credentials: provider });
        found = new TenantRepositories(new TenantTable(client, tableNameOf(opts.config, tenantId)));
        repositories.set(tenantId, found);
      }
      return found;
    },
  };
}
