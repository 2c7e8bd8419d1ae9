import type { MiddlewareHandler } from 'hono';
import type { HubRuntime } from '../../hub/hub-runtime';
import { HUB_METRICS } from '../../metric-names';
import { isModuleId } from '../../ocpi/modules';
import type { HubEnv } from '../http-env';

export type ApiName = 'ocpi' | 'admin';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ADMIN_RESOURCES = new Set(['partners', 'deliveries', 'tokens', 'tenant']);

/**
 * Counts every answered request by API, module, method and status, and among them the 401s
 * (authentication failures) and 429s (throttles) per tenant. Outermost middleware: it sees the
 * status the error handlers chose. Dimension values come from fixed sets, never from the request
 * as sent (a made-up method or path must not mint a billed metric).
 */
export function requestMetrics(runtime: HubRuntime, api: ApiName): MiddlewareHandler<HubEnv> {
  return async function requestMetricsMiddleware(c, next) {
    try {
      await next();
    } finally {
      const status = c.res.status;
      const tenant = c.get('tenant')?.tenant.id;
      runtime.metrics.count(HUB_METRICS.requests, {
        Api: api,
        Module: moduleOf(c.req.path, api),
        Method: METHODS.has(c.req.method) ? c.req.method : 'OTHER',
        Status: String(status),
      });
      if (status === 401 && tenant)
        runtime.metrics.count(HUB_METRICS.authFailures, { Tenant: tenant, Api: api });
      if (status === 429) runtime.metrics.count(HUB_METRICS.throttles, { Tenant: tenant ?? 'none' });
    }
  };
}

/**
 * `/{tenant}/ocpi/versions` -> versions, `/{tenant}/ocpi/2.2.1` -> versions (the details),
 * `/{tenant}/ocpi/2.2.1/sender/locations/...` -> locations; `/{tenant}/admin/partners/...` -> partners.
 */
export function moduleOf(path: string, api: ApiName): string {
  const [, , area, first, second, third] = path.split('/');
  if (api === 'admin') {
    if (path === '/health') return 'health';
    return area === 'admin' && first && ADMIN_RESOURCES.has(first) ? first : 'other';
  }
  if (area !== 'ocpi' || !first) return 'other';
  if (first === 'versions' || second === undefined || second === '') return 'versions';
  const id = second === 'sender' || second === 'receiver' ? third : second;
  return id && isModuleId(id) ? id : 'other';
}
