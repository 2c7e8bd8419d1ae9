import type { MiddlewareHandler } from 'hono';
import { ocpiReply } from './envelope';
import type { PlatformState } from './platform-state';
import type { SimEnv } from './sim-env';

/** Paths where token A is good enough: versions, version details and credentials (ocpi-notes §1.1). */
const REGISTRATION_PATHS = [
  /^\/ocpi\/versions\/?$/,
  /^\/ocpi\/[^/]+\/?$/,
  /^\/ocpi\/2\.2\.1\/credentials\/?$/,
];

/**
 * Accepts only the tokens this platform issued, raw or base64 (raw only for a raw-token platform; ocpi-notes §1.1). Failures get HTTP 401, or
 * 403 when the 'status-403-for-401' misbehaviour is on.
 */
export function authenticate(state: PlatformState): MiddlewareHandler<SimEnv> {
  return async function checkToken(c, next) {
    const header = c.req.header('authorization');
    const found = state.inbound.resolveHeader(header);
    const registrationPath = REGISTRATION_PATHS.some((p) => p.test(c.req.path));
    // A raw-token platform (tokenEncoding 'raw' and 'raw-token', as the real-world profile) knows only raw
    // tokens, like the libraries that never decode.
    const rawOnly = state.tokenEncoding === 'raw' && state.misbehaviour.has('raw-token');
    const base64Refused = rawOnly && found && header !== `Token ${found.token}`;
    if (!found || base64Refused || (found.kind === 'A' && !registrationPath)) {
      const http = state.misbehaviour.has('status-403-for-401') ? 403 : 401;
      return ocpiReply(c, undefined, { http, code: 2000, message: 'Unauthorized' });
    }
    c.set('token', found.token);
    c.set('tokenKind', found.kind);
    await next();
    return undefined;
  };
}
