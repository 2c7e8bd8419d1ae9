import type { TenantConfig } from '../../config';
import { TokenBuckets } from './token-buckets';

export type LimitName = 'tenant' | 'partner' | 'failed_auth_ip' | 'failed_auth_tenant';

/** A request over a limit: answered HTTP 429 with Retry-After. */
export interface LimitExceeded {
  limit: LimitName;
  perMinute: number;
  retryAfterSeconds: number;
  /** The first refusal of this bucket within a minute: log it; a flood of refusals logs once a minute. */
  firstInWindow: boolean;
}

/** How long a token that authenticated stays "known" while its tenant or source is throttled. */
const KNOWN_TOKEN_MS = 3_600_000;

/**
 * The in-process rate limits of the tenants file (`rateLimits`, README "Rate limits"): requests per
 * tenant and per partner, and failed authentications per source address and per tenant.
 *
 * One instance per process. Lambda instances share no memory, so in AWS each instance enforces the
 * limits on its own share of the traffic: the WAF rate rules (same configured numbers) are the
 * enforcing engine there and this is a backstop; on one machine this is the only engine.
 *
 * Failed-authentication throttling must not let an attacker lock real partners out: while a source or
 * a tenant is throttled, only tokens that authenticated in this process within the last hour are
 * still looked up (a real partner's); any other token is answered 429 without a store read. The
 * tenant-wide budget throttles only sources that failed themselves within the window: a spray of bad
 * tokens from many addresses must not lock out a real partner whose token this process has not seen
 * yet (a fresh Lambda instance knows none).
 */
export class RequestLimits {
  private readonly requests = new TokenBuckets();
  private readonly failures = new TokenBuckets();
  private readonly knownTokens = new Map<string, number>();
  private readonly lastRefusalLogged = new TokenBuckets();

  constructor(private readonly maxKnownTokens = 50_000) {}

  /** Counts one request of the tenant (OCPI and admin together). */
  takeTenantRequest(tenant: TenantConfig, now: number): LimitExceeded | undefined {
    const perMinute = tenant.rateLimits.tenantPerMinute;
    const key = `t\u0000${tenant.id}`;
    const wait = this.requests.take(key, perMinute, now);
    return wait ? this.exceeded('tenant', key, perMinute, wait, now) : undefined;
  }

  /** Counts one request of an authenticated partner. */
  takePartnerRequest(tenant: TenantConfig, partnerId: string, now: number): LimitExceeded | undefined {
    const perMinute = tenant.rateLimits.partnerPerMinute;
    const key = `p\u0000${tenant.id}\u0000${partnerId}`;
    const wait = this.requests.take(key, perMinute, now);
    return wait ? this.exceeded('partner', key, perMinute, wait, now) : undefined;
  }

  /** Whether failed authentications from this source or in this tenant have used up their budget. */
  failedAuthThrottle(
    tenant: TenantConfig,
    source: string | undefined,
    now: number,
  ): LimitExceeded | undefined {
    const { failedAuthPerIpPerMinute: perIp, failedAuthPerTenantPerMinute: perTenant } = tenant.rateLimits;
    const ipWait = source ? this.failures.peek(ipKey(tenant, source), perIp, now) : 0;
    if (source && ipWait) return this.exceeded('failed_auth_ip', ipKey(tenant, source), perIp, ipWait, now);
    if (source && this.failures.isFull(ipKey(tenant, source), perIp, now)) return undefined;
    const tenantKey = `t\u0000${tenant.id}`;
    const tenantWait = this.failures.peek(tenantKey, perTenant, now);
    if (tenantWait) return this.exceeded('failed_auth_tenant', tenantKey, perTenant, tenantWait, now);
    return undefined;
  }

  recordFailedAuth(tenant: TenantConfig, source: string | undefined, now: number): void {
    const { failedAuthPerIpPerMinute: perIp, failedAuthPerTenantPerMinute: perTenant } = tenant.rateLimits;
    if (source) this.failures.take(ipKey(tenant, source), perIp, now);
    this.failures.take(`t\u0000${tenant.id}`, perTenant, now);
  }

  /** A token hash that authenticated: it may still be looked up while its source is throttled. */
  rememberValidToken(tenant: TenantConfig, tokenHash: string, now: number): void {
    const key = `${tenant.id}\u0000${tokenHash}`;
    this.knownTokens.delete(key);
    if (this.knownTokens.size >= this.maxKnownTokens) {
      const oldest = this.knownTokens.keys().next().value;
      if (oldest !== undefined) this.knownTokens.delete(oldest);
    }
    this.knownTokens.set(key, now);
  }

  private exceeded(
    limit: LimitName,
    key: string,
    perMinute: number,
    retryAfterSeconds: number,
    now: number,
  ): LimitExceeded {
    const firstInWindow = this.lastRefusalLogged.take(`${limit}\u0000${key}`, 1, now) === 0;
    return { limit, perMinute, retryAfterSeconds, firstInWindow };
  }

  isKnownToken(tenant: TenantConfig, tokenHash: string, now: number): boolean {
    const at = this.knownTokens.get(`${tenant.id}\u0000${tokenHash}`);
    return at !== undefined && now - at < KNOWN_TOKEN_MS;
  }
}

/** Per tenant too: one source's failures in one tenant do not throttle it in another. */
const ipKey = (tenant: TenantConfig, source: string) => `i\u0000${tenant.id}\u0000${source}`;
