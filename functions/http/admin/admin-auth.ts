import type { MiddlewareHandler } from 'hono';
import { type AdminTokenStore, authenticateAdmin } from '../../hub/auth/admin-tokens';
import type { TenantContext } from '../../hub/hub-runtime';
import type { HubEnv } from '../http-env';
import { AdminError } from './admin-errors';

/**
 * `Authorization: Bearer <admin token>`, per tenant: a token of another tenant is unknown here. Read
 * from the store on every request (no cache), so a revoked token stops at once. Unknown and expired
 * tokens get the same answer; the security log keeps the reason.
 */
export function adminAuth(): MiddlewareHandler<HubEnv> {
  return async function adminAuthMiddleware(c, next) {
    const tenant = c.get('tenant');
    const match = /^Bearer\s+([\x21-\x7e]{16,256})\s*$/i.exec(c.req.header('Authorization') ?? '');
    const result = match?.[1]
      ? await authenticateAdmin(adminTokenStore(tenant), match[1])
      : ({ ok: false, reason: 'missing' } as const);
    if (!result.ok) {
      tenant.log.security('admin_auth_failed', {
        path: c.req.path,
        method: c.req.method,
        reason: result.reason,
      });
      throw new AdminError(401, 'unauthorized', 'a valid admin bearer token for this tenant is required');
    }
    c.set('adminToken', result.token);
    c.set('log', c.get('log').child({ admin_token_id: result.token.id }));
    await next();
  };
}

export function adminTokenStore(tenant: TenantContext): AdminTokenStore {
  return { tokens: tenant.store.adminTokens, keys: tenant.runtime.keys, now: tenant.runtime.now };
}
