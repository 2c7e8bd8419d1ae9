import { Hono } from 'hono';
import { getPath } from 'hono/utils/url';
import type { HubRuntime } from '../hub/hub-runtime';
import { createAdminApp } from './admin-app';
import type { HubEnv } from './http-env';
import { OCPI_MODULES_221 } from './ocpi/modules-221';
import { OCPI_MODULES_211 } from './ocpi/v211/modules-211';
import { createOcpiApp } from './ocpi-app';

/** `/health` and `/{tenant}/admin[/...]`, as Hono matches `/:tenant/admin/*` (getPath: decoded path). */
const ADMIN_PATH = /^\/[^/]+\/admin(\/|$)/;

/** Which of the two apps serves a path: the admin API's, or the OCPI API's (everything else). */
export function servesAdmin(path: string): boolean {
  return path === '/health' || ADMIN_PATH.test(path);
}

/**
 * Local mode serves both APIs from one process; in AWS each is its own Lambda behind API Gateway.
 * Unknown admin paths answer in the admin error shape, everything else with the OCPI envelope. The
 * request goes straight to its app: a router of its own in front would cost every request a second
 * dispatch (issue #14, the routed GET's hot path).
 */
export function createHubApp(runtime: HubRuntime): Hono<HubEnv> {
  const admin = createAdminApp(runtime);
  const ocpi = createOcpiApp(runtime, OCPI_MODULES_221, OCPI_MODULES_211);
  const app = new Hono<HubEnv>();
  app.fetch = (request, env, executionCtx) =>
    (servesAdmin(getPath(request)) ? admin : ocpi).fetch(request, env, executionCtx);
  return app;
}
