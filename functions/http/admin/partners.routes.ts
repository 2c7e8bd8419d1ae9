import { Hono } from 'hono';
import {
  connectToPartner,
  issueNewTokenA,
  rotateWithPartner,
  unregisterPartner,
} from '../../hub/credentials/hub-initiated.service';
import { leniencyRecordOf } from '../../hub/partners/leniency';
import { createPartner, partnerView, requirePartner } from '../../hub/partners/partner.service';
import type { HubEnv } from '../http-env';
import { NO_STORE } from '../no-store';
import { readAdminBody } from './admin-body';
import { ConnectPartnerSchema, CreatePartnerSchema } from './admin-schemas';

/** Partner onboarding (README "Admin API"). */
export function partnersRoutes(): Hono<HubEnv> {
  const app = new Hono<HubEnv>();

  app.post('/', async (c) => {
    const tenant = c.get('tenant');
    const input = await readAdminBody(c, CreatePartnerSchema);
    const { partner, tokenA } = await createPartner(tenant, input);
    return c.json(
      {
        id: partner.id,
        name: partner.name,
        status: partner.status,
        roles: partner.roles,
        token_a: tokenA,
        versions_url: tenant.urls.versions(),
      },
      201,
      NO_STORE,
    );
  });

  app.get('/', async (c) => {
    const tenant = c.get('tenant');
    const partners = await tenant.store.partners.list();
    const now = tenant.runtime.now();
    return c.json({ partners: partners.map((p) => partnerView(p, now)) });
  });

  app.get('/:id', async (c) => {
    const tenant = c.get('tenant');
    const partner = await requirePartner(tenant, c.req.param('id'));
    // Which deviations from the spec the hub tolerated for this partner, with counts (issue #11).
    const leniencies = await leniencyRecordOf(tenant, partner.id);
    return c.json({ ...partnerView(partner, tenant.runtime.now()), leniencies });
  });

  app.post('/:id/connect', async (c) => {
    const tenant = c.get('tenant');
    const input = await readAdminBody(c, ConnectPartnerSchema);
    const partner = await connectToPartner(tenant, c.req.param('id'), input.versions_url, input.token);
    return c.json(partnerView(partner, tenant.runtime.now()));
  });

  app.post('/:id/rotate', async (c) => {
    const tenant = c.get('tenant');
    const partner = await rotateWithPartner(tenant, c.req.param('id'));
    return c.json(partnerView(partner, tenant.runtime.now()));
  });

  app.post('/:id/token-a', async (c) => {
    const tenant = c.get('tenant');
    const { partner, tokenA } = await issueNewTokenA(tenant, c.req.param('id'));
    return c.json(
      {
        ...partnerView(partner, tenant.runtime.now()),
        token_a: tokenA,
        versions_url: tenant.urls.versions(),
      },
      200,
      NO_STORE,
    );
  });

  app.delete('/:id', async (c) => {
    const tenant = c.get('tenant');
    const partner = await unregisterPartner(tenant, c.req.param('id'));
    return c.json(partnerView(partner, tenant.runtime.now()));
  });

  return app;
}
