import type { MiddlewareHandler } from 'hono';
import { isAdminToken } from '../../hub/auth/admin-tokens';
import type { HubEnv } from '../http-env';
import { AdminError } from './admin-errors';

/** `Authorization: Bearer <admin token>`, per tenant: a token of another tenant is unknown here. */
export function adminAuth(): MiddlewareHandler<HubEnv> {
  return async function adminAuthMiddleware(c, next) {
    const tenant = c.get('tenant');
    const match = /^Bearer\s+([\x21-\x7e]{16,256})\s*$/i.exec(c.req.header('Authorization') ?? '');
    if (!match?.[1] || !(await isAdminToken(tenant.store.adminTokens, tenant.runtime.keys, match[1]))) {
      tenant.log.security('admin_auth_failed', { path: c.req.path, method: c.req.method });
      throw new AdminError(401, 'unauthorized', 'a valid admin bearer token for this tenant is required');
    }
    await next();
  };
}
