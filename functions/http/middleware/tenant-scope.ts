import type { MiddlewareHandler } from 'hono';
import { findTenant, type HubRuntime, openTenant } from '../../hub/hub-runtime';
import { NotFoundError } from '../../ocpi/errors';
import type { HubEnv } from '../http-env';

/**
 * Resolves `/:tenant/...` to that tenant's context, the only way routes reach tenant data.
 * `notFound` builds the error for an unknown tenant (OCPI envelope or admin error shape).
 */
export function tenantScope(runtime: HubRuntime, notFound: (id: string) => Error): MiddlewareHandler<HubEnv> {
  return async function tenantScopeMiddleware(c, next) {
    const id = c.req.param('tenant') ?? '';
    const tenant = findTenant(runtime.config, id);
    if (!tenant) throw notFound(id);
    const log = c.get('log').child({ tenant: tenant.id });
    c.set('log', log);
    c.set('tenant', openTenant(runtime, tenant, log));
    await next();
  };
}

export const unknownOcpiTenant = (id: string) => new NotFoundError(`unknown tenant '${id.slice(0, 40)}'`);
