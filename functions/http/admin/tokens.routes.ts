import { Hono } from 'hono';
import {
  adminTokenView,
  createAdminToken,
  listAdminTokens,
  revokeAdminToken,
} from '../../hub/auth/admin-tokens';
import type { HubEnv } from '../http-env';
import { NO_STORE } from '../no-store';
import { adminTokenStore } from './admin-auth';
import { readAdminBody } from './admin-body';
import { AdminError } from './admin-errors';
import { CreateAdminTokenSchema } from './admin-schemas';

const DAY_MS = 86_400_000;

/** Admin tokens of the tenant (README "Admin API"): create (shown once), list, revoke. */
export function adminTokensRoutes(): Hono<HubEnv> {
  const app = new Hono<HubEnv>();

  app.post('/', async (c) => {
    const tenant = c.get('tenant');
    const input = await readAdminBody(c, CreateAdminTokenSchema);
    const store = adminTokenStore(tenant);
    const expiresAt = new Date(store.now() + input.expires_in_days * DAY_MS).toISOString();
    const { record, token } = await createAdminToken(store, { name: input.name, expiresAt });
    tenant.log.security('admin_token_created', {
      admin_token_id: record.id,
      name: record.name,
      by: c.get('adminToken')?.id,
    });
    return c.json({ ...adminTokenView(record, store.now()), token }, 201, NO_STORE);
  });

  app.get('/', async (c) => {
    return c.json({ tokens: await listAdminTokens(adminTokenStore(c.get('tenant'))) });
  });

  app.delete('/:id', async (c) => {
    const tenant = c.get('tenant');
    const id = c.req.param('id');
    const revoked = id.length <= 64 ? await revokeAdminToken(adminTokenStore(tenant), id) : undefined;
    if (!revoked) throw new AdminError(404, 'admin_token_not_found', 'no admin token with this id');
    tenant.log.security('admin_token_revoked', {
      admin_token_id: revoked.id,
      name: revoked.name,
      by: c.get('adminToken')?.id,
    });
    return c.json({ ...revoked, revoked: true });
  });

  return app;
}
