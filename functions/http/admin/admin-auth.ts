import type { MiddlewareHandler } from 'hono';
import { type AdminTokenStore, authenticateAdmin } from '../../hub/auth/admin-tokens';
import type { TenantContext } from '../../hub/hub-runtime';
import { clientAddress } from '../client-address';
import type { HubEnv } from '../http-env';
import { refuse } from '../middleware/rate-limits';
import { AdminError } from './admin-errors';

/**
 * `Authorization: Bearer <admin token>`, per tenant: a token of another tenant is unknown here. Read
 * from the store on every request (no cache), so a revoked token stops at once. Unknown and expired
 * tokens get the same answer; the security log keeps the reason. Failed authentications count
 * against the source address and the tenant like the OCPI API's (hub/limits/request-limits.ts).
 */
export function adminAuth(): MiddlewareHandler<HubEnv> {
  return async function adminAuthMiddleware(c, next) {
    const tenant = c.get('tenant');
    const limits = tenant.runtime.limits;
    const now = tenant.runtime.now();
    const source = clientAddress(c);
    const throttled = limits?.failedAuthThrottle(tenant.tenant, source, now);
    const mayLookUp = throttled
      ? (hash: string) => limits?.isKnownToken(tenant.tenant, hash, now) === true
      : undefined;
    const match = /^Bearer\s+([\x21-\x7e]{16,256})\s*$/i.exec(c.req.header('Authorization') ?? '');
    const result = match?.[1]
      ? await authenticateAdmin(adminTokenStore(tenant), match[1], mayLookUp)
      : ({ ok: false, reason: 'missing' } as const);
    if (!result.ok) {
      if (throttled && result.reason === 'throttled') refuse(c, throttled);
      limits?.recordFailedAuth(tenant.tenant, source, now);
      tenant.log.security('admin_auth_failed', {
        path: c.req.path,
        method: c.req.method,
        reason: result.reason,
        source,
      });
      throw new AdminError(401, 'unauthorized', 'a valid admin bearer token for this tenant is required');
    }
    limits?.rememberValidToken(tenant.tenant, result.hash, now);
    c.set('adminToken', result.token);
    c.set('log', c.get('log').child({ admin_token_id: result.token.id }));
    await next();
  };
}

export function adminTokenStore(tenant: TenantContext): AdminTokenStore {
  return { tokens: tenant.store.adminTokens, keys: tenant.runtime.keys, now: tenant.runtime.now };
}
