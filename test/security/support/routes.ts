import { createAdminApp } from '../../../functions/http/admin-app';
import { OCPI_MODULES_221 } from '../../../functions/http/ocpi/modules-221';
import { createOcpiApp } from '../../../functions/http/ocpi-app';
import type { HubRuntime } from '../../../functions/hub/hub-runtime';

export interface HubRoute {
  api: 'ocpi' | 'admin';
  method: string;
  /** The route pattern, e.g. `/:tenant/ocpi/2.2.1/receiver/tariffs/:cc/:pid/:id`. */
  pattern: string;
}

/** Served without authentication on purpose (README "Admin API"); every other route wants a token. */
export const PUBLIC_ROUTES = new Set(['GET /health']);

/**
 * Every OCPI and admin route, read from the apps the hub serves (not a hand-written list), so a route
 * added later is attacked without anyone touching the suite. Middleware (`use`, method ALL) is left
 * out; each route is one method and one pattern.
 */
export function hubRoutes(runtime: HubRuntime): HubRoute[] {
  const apps = [
    { api: 'ocpi' as const, app: createOcpiApp(runtime, OCPI_MODULES_221) },
    { api: 'admin' as const, app: createAdminApp(runtime) },
  ];
  const seen = new Set<string>();
  const routes: HubRoute[] = [];
  for (const { api, app } of apps) {
    for (const route of app.routes) {
      const key = `${route.method} ${route.path}`;
      if (route.method === 'ALL' || PUBLIC_ROUTES.has(key) || seen.has(key)) continue;
      seen.add(key);
      routes.push({ api, method: route.method, pattern: route.path });
    }
  }
  return routes;
}

/** The route's URL path with its parameters filled in (`:tenant` always; others from `values`, else X1). */
export function fillRoute(route: HubRoute, tenant: string, values: Record<string, string> = {}): string {
  return route.pattern.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(name === 'tenant' ? tenant : (values[name] ?? 'X1')),
  );
}

export const hasBody = (method: string) => method === 'POST' || method === 'PUT' || method === 'PATCH';
