import { Hono } from 'hono';
import { successEnvelope } from '../../ocpi/envelope';
import { type EndpointRef, VersionNumbers } from '../../ocpi/modules';
import type { HubEnv } from '../http-env';

export const HUB_VERSION = VersionNumbers.V2_2_1;

/**
 * Versions module (version_information §1, §2): the version list and the 2.2.1 details. Any valid
 * token of the tenant may call them, token A included (ocpi-notes §2.4 steps 2-3).
 */
export function versionsRoutes(endpoints: readonly EndpointRef[]): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  app.get('/versions', (c) => {
    const { urls } = c.get('tenant');
    return c.json(successEnvelope([{ version: HUB_VERSION, url: urls.versionDetails() }]));
  });
  app.get(`/${HUB_VERSION}`, (c) => {
    const { urls } = c.get('tenant');
    return c.json(
      successEnvelope({
        version: HUB_VERSION,
        endpoints: endpoints.map((e) => ({
          identifier: e.identifier,
          role: e.role,
          url: urls.endpoint(e),
        })),
      }),
    );
  });
  return app;
}
