import type { HubConfig, TenantConfig } from '../config';
import type { HubLog } from '../logger';
import type { HubMetrics } from '../metrics';
import type { PartnerHttpClient } from '../outbound/partner-http-client';
import type { TenantRepositories } from '../store/tenant-repositories';
import type { TenantStores } from '../store/tenant-stores';
import type { AuthCache } from './auth/auth-cache';
import type { TokenKeys } from './auth/token-keys';
import { type HubUrls, hubUrlsOf } from './hub-urls';
import type { RequestLimits } from './limits/request-limits';

/** Everything built once per process and shared by all requests; entry points differ only in how they build it. */
export interface HubRuntime {
  config: HubConfig;
  stores: TenantStores;
  keys: TokenKeys;
  log: HubLog;
  /** Counters for CloudWatch (EMF in AWS, DEBUG log lines locally). */
  metrics: HubMetrics;
  outbound: PartnerHttpClient;
  /**
   * Public base URL partners reach the hub at (e.g. https://hub.example.com): locally HUB_PUBLIC_URL or
   * http://HOST:PORT, in AWS the stack's HUB_PUBLIC_URL. Every URL handed out is built from it
   * (hub-urls.ts), never from a request; without it no URL can be handed out.
   */
  publicUrl?: string;
  now(): number;
  /** Authenticated callers by token hash; absent = every request looks its token up (benchmarks compare). */
  authCache?: AuthCache;
  /** In-process rate limits (README "Rate limits"); absent = none (benchmarks measure without). */
  limits?: RequestLimits;
}

/** One request's view of one tenant: the tenant id reaches the store only inside this object. */
export interface TenantContext {
  tenant: TenantConfig;
  /** This tenant's repositories: the only way to its data. */
  store: TenantRepositories;
  /** The URLs of this tenant the hub hands out, from the configured public base URL. */
  urls: HubUrls;
  runtime: HubRuntime;
  log: HubLog;
}

export function findTenant(config: HubConfig, tenantId: string): TenantConfig | undefined {
  return config.tenants.find((t) => t.id === tenantId);
}

export function openTenant(runtime: HubRuntime, tenant: TenantConfig, log: HubLog): TenantContext {
  return {
    tenant,
    store: runtime.stores.forTenant(tenant.id),
    urls: hubUrlsOf(runtime.publicUrl, tenant.id),
    runtime,
    log,
  };
}

export const nowIso = (runtime: Pick<HubRuntime, 'now'>) => new Date(runtime.now()).toISOString();
