import { Hono } from 'hono';
import type { PartnerStatus } from '../../domain/partner';
import type { TenantContext } from '../../hub/hub-runtime';
import type { HubEnv } from '../http-env';

/**
 * The tenant an admin token belongs to (README "Admin API"): its settings from the tenants file and
 * its partners by status. An admin token sees its own tenant only; which other tenants share the
 * deployment is not its business.
 */
export function tenantRoutes(): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  app.get('/', async (c) => c.json(await tenantView(c.get('tenant'))));
  return app;
}

async function tenantView(ctx: TenantContext) {
  const { tenant } = ctx;
  const partners: Partial<Record<PartnerStatus, number>> = {};
  for (const partner of await ctx.store.partners.list()) {
    partners[partner.status] = (partners[partner.status] ?? 0) + 1;
  }
  return {
    id: tenant.id,
    name: tenant.name,
    hub: tenant.hub,
    versions_url: ctx.runtime.publicUrl ? ctx.urls.versions() : null,
    outbound: tenant.outbound,
    credentials: tenant.credentials,
    rate_limits: tenant.rateLimits,
    partners,
  };
}
