import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { currentTokenCaller, TOKEN_NOT_VALID_MESSAGE } from '../../hub/auth/credential-auth';
import { hubCredentials } from '../../hub/credentials/credentials-support';
import {
  registerFromPartner,
  requireMethodAllowed,
  unregisterFromPartner,
  updateFromPartner,
} from '../../hub/credentials/partner-initiated.service';
import { party211Of } from '../../hub/v211/link-211';
import { tokenCandidates } from '../../ocpi/auth-header';
import { successEnvelope } from '../../ocpi/envelope';
import { UnauthorizedError } from '../../ocpi/errors';
import { type HubVersion, InterfaceRole, VersionNumbers } from '../../ocpi/modules';
import { type Credentials, CredentialsSchema } from '../../ocpi/schemas/credentials';
import { Credentials211Schema } from '../../ocpi/v211/schemas';
import { credentialsTo211, credentialsTo221 } from '../../ocpi/v211/translate';
import type { HubEnv } from '../http-env';
import { NO_STORE } from '../no-store';
import { readValidBody } from './ocpi-body';
import type { OcpiModule } from './ocpi-module';

/** Credentials module (credentials §4, ocpi-notes §2.3): GET, POST (register), PUT (update), DELETE. */
export const credentialsModule: OcpiModule = {
  endpoints: [{ identifier: 'credentials', role: InterfaceRole.SENDER }],
  routes: () => credentialsRoutes(VersionNumbers.V2_2_1),
};

/**
 * The credentials routes of one version. 2.1.1 credentials are flat, one party and no role (ocpi-notes
 * §6): a 2.1.1 partner's object becomes the 2.2.1 one of its onboarded party, the handshake runs as for
 * 2.2.1 with the partner discovered at 2.1.1, and the hub's answer is flattened again.
 */
export function credentialsRoutes(version: HubVersion): Hono<HubEnv> {
  const v211 = version === VersionNumbers.V2_1_1;
  const readCredentials = async (c: Context<HubEnv>): Promise<Credentials> => {
    if (!v211) return (await readValidBody(c, CredentialsSchema)).value;
    const party = party211Of(c.get('caller').partner);
    return credentialsTo221((await readValidBody(c, Credentials211Schema)).value, party.role);
  };
  const answer = (c: Context<HubEnv>, credentials: Credentials) =>
    c.json(successEnvelope(v211 ? credentialsTo211(credentials) : credentials));
  const app = new Hono<HubEnv>();
  app.use('/credentials', noStore(), onlyTheCurrentToken());
  app.get('/credentials', (c) => {
    // GET returns the credentials to access the hub: the token the caller authenticated with.
    const token = presentedToken(c.req.header('Authorization'), c.get('tenant'), c.get('caller').tokenHash);
    return answer(c, hubCredentials(c.get('tenant'), token));
  });
  app.post('/credentials', async (c) => {
    const body = await readCredentials(c);
    const result = await registerFromPartner(
      c.get('tenant'),
      c.get('caller'),
      body,
      c.get('ids').correlationId,
      version,
    );
    return answer(c, result);
  });
  app.put('/credentials', async (c) => {
    const body = await readCredentials(c);
    const result = await updateFromPartner(
      c.get('tenant'),
      c.get('caller'),
      body,
      c.get('ids').correlationId,
      version,
    );
    return answer(c, result);
  });
  app.delete('/credentials', async (c) => {
    await unregisterFromPartner(c.get('tenant'), c.get('caller'));
    return c.json(successEnvelope());
  });
  return app;
}

function presentedToken(
  header: string | undefined,
  tenant: { runtime: { keys: { lookupHashes(t: string): string[] } } },
  hash: string,
) {
  return tokenCandidates(header).find((t) => tenant.runtime.keys.lookupHashes(t).includes(hash)) ?? '';
}

/**
 * Only the partner's current token reaches the credentials module (401 otherwise, one security
 * event): a token in its grace window after a rotation could else re-point the partner's URL and
 * token, or unregister it. The check reads the store, never the auth cache; the method's own rules
 * (405) follow.
 */
function onlyTheCurrentToken(): MiddlewareHandler<HubEnv> {
  return async function onlyTheCurrentTokenMiddleware(c, next) {
    const tenant = c.get('tenant');
    const caller = c.get('caller');
    const current = await currentTokenCaller(tenant, caller);
    if (!current.ok) {
      tenant.log.security('credentials_refused', {
        partner: caller.partner.id,
        method: c.req.method,
        reason: current.reason,
      });
      throw new UnauthorizedError(TOKEN_NOT_VALID_MESSAGE);
    }
    c.set('caller', current.caller);
    requireMethodAllowed(tenant, current.caller, c.req.method);
    await next();
  };
}

/** Every credentials answer may carry the hub's token for the partner: never kept by a cache. */
function noStore(): MiddlewareHandler<HubEnv> {
  return async function noStoreMiddleware(c, next) {
    await next();
    c.header('Cache-Control', NO_STORE['Cache-Control']);
  };
}
