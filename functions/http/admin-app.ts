import { Hono } from 'hono';
import type { HubRuntime } from '../hub/hub-runtime';
import { adminAuth } from './admin/admin-auth';
import { AdminError, adminErrorHandler, adminNotFound } from './admin/admin-errors';
import { deliveriesRoutes } from './admin/deliveries.routes';
import { partnersRoutes } from './admin/partners.routes';
import { tenantRoutes } from './admin/tenant.routes';
import { adminTokensRoutes } from './admin/tokens.routes';
import type { HubEnv } from './http-env';
import { tenantRateLimit } from './middleware/rate-limits';
import { requestContext } from './middleware/request-context';
import { requestMetrics } from './middleware/request-metrics';
import { tenantScope } from './middleware/tenant-scope';
import { bodySizeCap } from './request-body';

const unknownAdminTenant = (id: string) =>
  new AdminError(404, 'tenant_not_found', `unknown tenant '${id.slice(0, 40)}'`);

/** The admin API of every tenant (`/{tenant}/admin/...`) and the health check. */
export function createAdminApp(runtime: HubRuntime): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  app.onError(adminErrorHandler());
  app.notFound(adminNotFound());
  app.use('*', requestMetrics(runtime, 'admin'));
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.use(
    '/:tenant/admin/*',
    requestContext(runtime),
    tenantScope(runtime, unknownAdminTenant),
    tenantRateLimit(),
    adminAuth(),
    bodySizeCap((message) => new AdminError(413, 'too_large', message)),
  );
  app.route('/:tenant/admin/partners', partnersRoutes());
  app.route('/:tenant/admin/deliveries', deliveriesRoutes());
  app.route('/:tenant/admin/tokens', adminTokensRoutes());
  app.route('/:tenant/admin/tenant', tenantRoutes());
  return app;
}
