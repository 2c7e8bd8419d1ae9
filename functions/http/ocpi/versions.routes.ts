import { Hono } from 'hono';
import { successEnvelope } from '../../ocpi/envelope';
import type { EndpointRef } from '../../ocpi/modules';
import type { HubEnv } from '../http-env';
import { endpointPath } from './ocpi-module';

export const HUB_VERSION = '2.2.1';

/**
 * Versions module (version_information §1, §2): the version list and the 2.2.1 details. Any valid
 * token of the tenant may call them, token A included (ocpi-notes §2.4 steps 2-3).
 */
export function versionsRoutes(endpoints: readonly EndpointRef[]): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  app.get('/versions', (c) => {
    const base = c.get('tenant').ocpiBaseUrl;
    return c.json(successEnvelope([{ version: HUB_VERSION, url: `${base}/${HUB_VERSION}` }]));
  });
  app.get(`/${HUB_VERSION}`, (c) => {
    const base = `${c.get('tenant').ocpiBaseUrl}/${HUB_VERSION}`;
    return c.json(
      successEnvelope({
        version: HUB_VERSION,
        endpoints: endpoints.map((e) => ({
          identifier: e.identifier,
          role: e.role,
          url: `${base}${endpointPath(e)}`,
        })),
      }),
    );
  });
  return app;
}
