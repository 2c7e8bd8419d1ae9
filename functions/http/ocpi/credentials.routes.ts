import { Hono } from 'hono';
import { hubCredentials } from '../../hub/credentials/credentials-support';
import {
  registerFromPartner,
  requireRegisteredCaller,
  requireUnregisteredCaller,
  unregisterFromPartner,
  updateFromPartner,
} from '../../hub/credentials/partner-initiated.service';
import { tokenCandidates } from '../../ocpi/auth-header';
import { successEnvelope } from '../../ocpi/envelope';
import { InterfaceRole } from '../../ocpi/modules';
import { CredentialsSchema } from '../../ocpi/schemas/credentials';
import type { HubEnv } from '../http-env';
import { readValidBody } from '../ocpi-body';
import type { OcpiModule } from './ocpi-module';

/** Credentials module (credentials §4, ocpi-notes §2.3): GET, POST (register), PUT (update), DELETE. */
export const credentialsModule: OcpiModule = {
  endpoints: [{ identifier: 'credentials', role: InterfaceRole.SENDER }],
  routes() {
    const app = new Hono<HubEnv>();
    app.get('/credentials', (c) => {
      // GET returns the credentials to access the hub: the token the caller authenticated with.
      const token = presentedToken(c.req.header('Authorization'), c.get('tenant'), c.get('caller').tokenHash);
      return c.json(successEnvelope(hubCredentials(c.get('tenant'), token)));
    });
    app.post('/credentials', async (c) => {
      requireUnregisteredCaller(c.get('caller'));
      const body = await readValidBody(c, CredentialsSchema);
      const result = await registerFromPartner(
        c.get('tenant'),
        c.get('caller'),
        body,
        c.get('ids').correlationId,
      );
      return c.json(successEnvelope(result));
    });
    app.put('/credentials', async (c) => {
      requireRegisteredCaller(c.get('caller'));
      const body = await readValidBody(c, CredentialsSchema);
      const result = await updateFromPartner(
        c.get('tenant'),
        c.get('caller'),
        body,
        c.get('ids').correlationId,
      );
      return c.json(successEnvelope(result));
    });
    app.delete('/credentials', async (c) => {
      await unregisterFromPartner(c.get('tenant'), c.get('caller'));
      return c.json(successEnvelope());
    });
    return app;
  },
};

function presentedToken(
  header: string | undefined,
  tenant: { runtime: { keys: { hash(t: string): string } } },
  hash: string,
) {
  return tokenCandidates(header).find((t) => tenant.runtime.keys.hash(t) === hash) ?? '';
}
