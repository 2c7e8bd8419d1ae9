import type { HubConfig, TenantConfig } from '../config';
import type { HubLog } from '../logger';
import type { PartnerHttpClient } from '../outbound/partner-http-client';
import type { TenantRepositories } from '../store/tenant-repositories';
import type { TenantStores } from '../store/tenant-stores';
import type { AuthCache } from './auth/auth-cache';
import type { TokenKeys } from './auth/token-keys';

/** Everything built once per process and shared by all requests; entry points differ only in how they build it. */
export interface HubRuntime {
  config: HubConfig;
  stores: TenantStores;
  keys: TokenKeys;
  log: HubLog;
  outbound: PartnerHttpClient;
  /** Fixed public base URL (e.g. https://hub.example.com); when absent it is derived from each request. */
  publicUrl?: string;
  now(): number;
  /** Authenticated callers by token hash; absent = every request looks its token up (benchmarks compare). */
  authCache?: AuthCache;
}

/** One request's view of one tenant: the tenant id reaches the store only inside this object. */
export interface TenantContext {
  tenant: TenantConfig;
  /** This tenant's repositories: the only way to its data. */
  store: TenantRepositories;
  /** Base URL of this tenant's OCPI API, e.g. https://hub.example.com/demo/ocpi */
  ocpiBaseUrl: string;
  runtime: HubRuntime;
  log: HubLog;
}

export function findTenant(config: HubConfig, tenantId: string): TenantConfig | undefined {
  return config.tenants.find((t) => t.id === tenantId);
}

export function openTenant(
  runtime: HubRuntime,
  tenant: TenantConfig,
  baseUrl: string,
  log: HubLog,
): TenantContext {
  return {
    tenant,
    store: runtime.stores.forTenant(tenant.id),
    ocpiBaseUrl: `${(runtime.publicUrl ?? baseUrl).replace(/\/+$/, '')}/${tenant.id}/ocpi`,
    runtime,
    log,
  };
}

export const nowIso = (runtime: Pick<HubRuntime, 'now'>) => new Date(runtime.now()).toISOString();
