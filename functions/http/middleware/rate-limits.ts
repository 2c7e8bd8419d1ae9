import type { Context, MiddlewareHandler } from 'hono';
import type { LimitExceeded } from '../../hub/limits/request-limits';
import type { HubEnv } from '../http-env';

/** The error of a request over a limit; each app renders it in its own shape with Retry-After. */
export class RateLimitedError extends Error {
  constructor(readonly exceeded: LimitExceeded) {
    super(describeLimit(exceeded));
  }
}

function describeLimit(exceeded: LimitExceeded): string {
  const what = {
    tenant: 'requests to this tenant',
    partner: 'requests of this partner',
    failed_auth_ip: 'failed authentications from this address',
    failed_auth_tenant: 'failed authentications in this tenant',
  }[exceeded.limit];
  return `too many requests: ${what} are limited to ${exceeded.perMinute} per minute; retry after ${exceeded.retryAfterSeconds} s`;
}

/** Counts the request against its tenant's limit (before authentication: it costs no store read). */
export function tenantRateLimit(): MiddlewareHandler<HubEnv> {
  return async function tenantRateLimitMiddleware(c, next) {
    const tenant = c.get('tenant');
    const exceeded = tenant.runtime.limits?.takeTenantRequest(tenant.tenant, tenant.runtime.now());
    if (exceeded) refuse(c, exceeded);
    await next();
  };
}

/** Counts the request against the authenticated partner's limit. */
export function partnerRateLimit(): MiddlewareHandler<HubEnv> {
  return async function partnerRateLimitMiddleware(c, next) {
    const tenant = c.get('tenant');
    const caller = c.get('caller');
    const exceeded = caller
      ? tenant.runtime.limits?.takePartnerRequest(tenant.tenant, caller.partner.id, tenant.runtime.now())
      : undefined;
    if (exceeded) refuse(c, exceeded);
    await next();
  };
}

/**
 * Throws the refusal, logged as a security event the first time in a minute for its bucket: a flood
 * of refused requests must not become a flood of log lines.
 */
export function refuse(c: Context<HubEnv>, exceeded: LimitExceeded): never {
  if (exceeded.firstInWindow)
    c.get('log').security('rate_limited', {
      limit: exceeded.limit,
      per_minute: exceeded.perMinute,
      retry_after_seconds: exceeded.retryAfterSeconds,
      partner: c.get('caller')?.partner.id,
      path: c.req.path,
    });
  throw new RateLimitedError(exceeded);
}
