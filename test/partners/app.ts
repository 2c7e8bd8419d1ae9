import { Hono, type MiddlewareHandler } from 'hono';
import { authenticate } from './auth';
import { mountAuthorizeRoute } from './authorize';
import { mountChargingPreferencesRoute } from './charging-preferences';
import { mountCommandRoutes } from './commands';
import { mountCredentialsRoutes } from './credentials';
import { ocpiReply } from './envelope';
import { misbehaviourMiddleware } from './misbehaviour';
import type { PlatformState } from './platform-state';
import { realWorldAnswers } from './real-world';
import { mountReceiverRoutes } from './receivers';
import { mountSenderRoutes } from './senders';
import { requestFailures } from './server';
import type { SimEnv } from './sim-env';
import { mountVersionRoutes, redirectDroppedSlash } from './versions';

const CONFIGURATION_PATH = /^\/ocpi\/(versions|[^/]+\/?$|2\.2\.1\/(credentials|receiver\/hubclientinfo))/;

/**
 * Records every inbound request, parses its JSON body once and, on the way out, echoes the request ids
 * (ocpi-notes §1.2) and answers functional modules with reversed routing headers (ocpi-notes §3.1).
 */
function recordRequest(state: PlatformState): MiddlewareHandler<SimEnv> {
  return async function record(c, next) {
    const failure = requestFailures.get(c.env.incoming);
    c.set('failure', failure);
    const text = await c.req.text();
    let body: unknown;
    let bodyInvalid = false;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        bodyInvalid = true;
      }
    }
    c.set('body', body);
    c.set('bodyInvalid', bodyInvalid);
    state.requests.push({
      method: c.req.method,
      // The raw path: Hono's c.req.path drops a trailing slash in a non-strict app.
      path: new URL(c.req.url).pathname,
      query: new URL(c.req.url).search.slice(1),
      headers: Object.fromEntries(c.req.raw.headers),
      body: bodyInvalid ? text : body,
      at: new Date(),
      ...(failure ? { failedAs: failure } : {}),
    });
    await next();
    const requestId = c.req.header('x-request-id');
    const correlationId = c.req.header('x-correlation-id');
    if (requestId) c.res.headers.set('X-Request-ID', requestId);
    if (correlationId) c.res.headers.set('X-Correlation-ID', correlationId);
    const fromCc = c.req.header('ocpi-from-country-code');
    const fromPid = c.req.header('ocpi-from-party-id');
    const toCc = c.req.header('ocpi-to-country-code');
    const toPid = c.req.header('ocpi-to-party-id');
    if (!CONFIGURATION_PATH.test(c.req.path) && fromCc && fromPid && toCc && toPid) {
      c.res.headers.set('OCPI-to-country-code', fromCc);
      c.res.headers.set('OCPI-to-party-id', fromPid);
      c.res.headers.set('OCPI-from-country-code', toCc);
      c.res.headers.set('OCPI-from-party-id', toPid);
    }
  };
}

/** A body that is not JSON gets HTTP 400 (ocpi-notes §1.4). */
const rejectInvalidJson: MiddlewareHandler<SimEnv> = async function rejectInvalidJson(c, next) {
  if (c.get('bodyInvalid'))
    return ocpiReply(c, undefined, { http: 400, code: 2001, message: 'body is not JSON' });
  await next();
  return undefined;
};

export function buildApp(state: PlatformState): Hono<SimEnv> {
  const app = new Hono<SimEnv>({ strict: false });
  app.use('*', recordRequest(state));
  app.use('*', realWorldAnswers(state));
  app.use('*', redirectDroppedSlash(state));
  app.use('*', misbehaviourMiddleware(state.misbehaviour));
  app.use('*', authenticate(state));
  app.use('*', rejectInvalidJson);
  mountVersionRoutes(app, state);
  mountCredentialsRoutes(app, state);
  mountAuthorizeRoute(app, state);
  mountCommandRoutes(app, state);
  mountChargingPreferencesRoute(app, state);
  mountReceiverRoutes(app, state);
  mountSenderRoutes(app, state);
  app.notFound((c) => ocpiReply(c, undefined, { http: 404, code: 2000, message: 'not found' }));
  app.onError((_error, c) => ocpiReply(c, undefined, { http: 500, code: 3000, message: 'simulator error' }));
  return app;
}
