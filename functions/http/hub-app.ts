import { Hono } from 'hono';
import type { HubRuntime } from '../hub/hub-runtime';
import { createAdminApp } from './admin-app';
import type { HubEnv } from './http-env';
import { OCPI_MODULES_221 } from './ocpi/modules-221';
import { OCPI_MODULES_211 } from './ocpi/v211/modules-211';
import { createOcpiApp } from './ocpi-app';

/**
 * Local mode serves both APIs from one process; in AWS each is its own Lambda behind API Gateway.
 * Unknown admin paths answer in the admin error shape, everything else with the OCPI envelope.
 */
export function createHubApp(runtime: HubRuntime): Hono<HubEnv> {
  const admin = createAdminApp(runtime);
  const ocpi = createOcpiApp(runtime, OCPI_MODULES_221, OCPI_MODULES_211);
  const app = new Hono<HubEnv>();
  app.all('/health', (c) => admin.fetch(c.req.raw, c.env));
  app.all('/:tenant/admin/*', (c) => admin.fetch(c.req.raw, c.env));
  app.all('*', (c) => ocpi.fetch(c.req.raw, c.env));
  return app;
}
