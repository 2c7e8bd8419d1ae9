import type { MiddlewareHandler } from 'hono';
import { authenticateCaller } from '../../hub/auth/credential-auth';
import { UnauthorizedError } from '../../ocpi/errors';
import { clientAddress } from '../client-address';
import type { HubEnv } from '../http-env';
import { refuse } from './rate-limits';

/**
 * Authentication on every OCPI route (ocpi-notes §1.1): `Authorization: Token <base64|raw>`; missing,
 * malformed or unknown token -> HTTP 401 with the envelope. Token A is accepted only where
 * `allowTokenA` is set (versions and credentials). Failed authentications count against the source
 * address and the tenant; past their limit an unfamiliar token gets 429 without a store read.
 */
export function ocpiAuth(opts: { allowTokenA: boolean }): MiddlewareHandler<HubEnv> {
  return async function ocpiAuthMiddleware(c, next) {
    const tenant = c.get('tenant');
    const limits = tenant.runtime.limits;
    const now = tenant.runtime.now();
    const source = clientAddress(c);
    const throttled = limits?.failedAuthThrottle(tenant.tenant, source, now);
    const result = await authenticateCaller(
      tenant,
      c.req.header('Authorization'),
      throttled ? (hash) => limits?.isKnownToken(tenant.tenant, hash, now) === true : undefined,
    );
    if (!result.ok) {
      if (result.reason === 'throttled' && throttled) refuse(c, throttled);
      limits?.recordFailedAuth(tenant.tenant, source, now);
      tenant.log.security('ocpi_auth_failed', {
        reason: result.reason,
        path: c.req.path,
        method: c.req.method,
        source,
      });
      throw new UnauthorizedError(result.message);
    }
    limits?.rememberValidToken(tenant.tenant, result.caller.tokenHash, now);
    if (result.caller.tokenKind === 'A' && !opts.allowTokenA) {
      tenant.log.security('ocpi_auth_failed', { reason: 'token_a_outside_registration', path: c.req.path });
      throw new UnauthorizedError(
        'a registration token (token A) is only valid for versions and credentials',
      );
    }
    c.set('caller', result.caller);
    c.set('tokenSentRaw', result.sentRaw);
    c.set('log', c.get('log').child({ partner: result.caller.partner.id }));
    await next();
  };
}
