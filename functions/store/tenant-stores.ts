import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { type HubConfig, tableNameOf } from '../config';
import { sdkClientConfig } from './dynamo-client';
import { TenantRepositories } from './tenant-repositories';
import { TenantTable } from './tenant-table';

/** Hands out one tenant's repositories; the only way code reaches tenant data. */
export interface TenantStores {
  forTenant(tenantId: string): TenantRepositories;
}

/** Local mode: one client (DynamoDB Local has no IAM), one table per tenant. */
export function sharedClientTenantStores(client: DynamoDBClient, config: HubConfig): TenantStores {
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

interface CachedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** Refresh this long before expiry so no request runs on credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * AWS mode: each tenant's table is reached with credentials of the tenant-access role assumed with a
 * `TenantId` session tag. The role's policy names the table through `${aws:PrincipalTag/TenantId}`, so
 * a bug that mixes tenants up is refused by IAM instead of reading another tenant's data.
 */
export function assumedRoleTenantStores(opts: {
  config: HubConfig;
  roleArn: string;
  region?: string;
  sts?: STSClient;
  now?: () => number;
}): TenantStores {
  const sts = opts.sts ?? new STSClient({ region: opts.region });
  const now = opts.now ?? Date.now;
  const repositories = new Map<string, TenantRepositories>();
  const known = new Set(opts.config.tenants.map((t) => t.id));

  function credentialsFor(tenantId: string) {
    let cached: CachedCredentials | undefined;
    let pending: Promise<CachedCredentials> | undefined;
    const assume = async (): Promise<CachedCredentials> => {
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: opts.roleArn,
          RoleSessionName: `tenant-${tenantId}`,
          Tags: [{ Key: 'TenantId', Value: tenantId }],
          DurationSeconds: 3600,
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
        throw new Error('tenant credentials: AssumeRole returned no credentials');
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    };
    return async () => {
      if (cached && cached.expiration.getTime() - REFRESH_MARGIN_MS > now()) return cached;
      pending ??= assume().finally(() => {
        pending = undefined;
      });
      cached = await pending;
      return cached;
    };
  }

  return {
    forTenant(tenantId) {
      if (!known.has(tenantId)) throw new Error(`unknown tenant ${tenantId}`);
      let found = repositories.get(tenantId);
      if (!found) {
        const client = new DynamoDBClient(
          sdkClientConfig({ region: opts.region, credentials: credentialsFor(tenantId) }),
        );
        found = new TenantRepositories(new TenantTable(client, tableNameOf(opts.config, tenantId)));
        repositories.set(tenantId, found);
      }
      return found;
    },
  };
}
