import type { MiddlewareHandler } from 'hono';
import { authenticateCaller } from '../../hub/auth/credential-auth';
import { UnauthorizedError } from '../../ocpi/errors';
import type { HubEnv } from '../http-env';

/**
 * Authentication on every OCPI route (ocpi-notes §1.1): `Authorization: Token <base64|raw>`; missing,
 * malformed or unknown token -> HTTP 401 with the envelope. Token A is accepted only where
 * `allowTokenA` is set (versions and credentials).
 */
export function ocpiAuth(opts: { allowTokenA: boolean }): MiddlewareHandler<HubEnv> {
  return async function ocpiAuthMiddleware(c, next) {
    const tenant = c.get('tenant');
    const result = await authenticateCaller(tenant, c.req.header('Authorization'));
    if (!result.ok) {
      tenant.log.security('ocpi_auth_failed', {
        reason: result.reason,
        path: c.req.path,
        method: c.req.method,
      });
      throw new UnauthorizedError(result.message);
    }
    if (result.caller.tokenKind === 'A' && !opts.allowTokenA) {
      tenant.log.security('ocpi_auth_failed', { reason: 'token_a_outside_registration', path: c.req.path });
      throw new UnauthorizedError(
        'a registration token (token A) is only valid for versions and credentials',
      );
    }
    c.set('caller', result.caller);
    c.set('log', c.get('log').child({ partner: result.caller.partner.id }));
    await next();
  };
}
