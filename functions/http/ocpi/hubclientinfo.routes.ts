import { Hono } from 'hono';
import { listClientInfo } from '../../domain/client-info';
import { successEnvelope } from '../../ocpi/envelope';
import { InterfaceRole } from '../../ocpi/modules';
import { paginationHeaders, parsePaginationQuery } from '../../ocpi/pagination';
import type { HubEnv } from '../http-env';
import type { OcpiModule } from './ocpi-module';
import { publicRequestUrl } from './ocpi-request';

/** Largest HubClientInfo page (X-Limit). */
const HUBCLIENTINFO_MAX_LIMIT = 100;

/**
 * HubClientInfo Sender interface (ocpi-notes §3.5): `GET {url}` lists the ClientInfo of every party of
 * the tenant, paginated with date filters. A configuration module: no routing headers.
 */
export const hubClientInfoModule: OcpiModule = {
  endpoints: [{ identifier: 'hubclientinfo', role: InterfaceRole.SENDER }],
  routes() {
    const app = new Hono<HubEnv>();
    app.get('/hubclientinfo', async (c) => {
      const tenant = c.get('tenant');
      const query = parsePaginationQuery(c.req.query(), { maxLimit: HUBCLIENTINFO_MAX_LIMIT });
      const all = await listClientInfo(tenant.store.partners, query);
      const page = all.slice(query.offset, query.offset + query.limit);
      const headers = paginationHeaders({
        // The Link must point at the hub's public URL, whatever host the request came in on.
        requestUrl: publicRequestUrl(c),
        offset: query.offset,
        limit: query.limit,
        returned: page.length,
        total: all.length,
        maxLimit: HUBCLIENTINFO_MAX_LIMIT,
      });
      return c.json(successEnvelope(page), 200, headers);
    });
    return app;
  },
};
