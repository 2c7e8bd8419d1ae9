import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { formatOcpiDateTime } from '../../functions/ocpi/datetime';
import { ocpiReply } from './envelope';
import type { PlatformState } from './platform-state';
import { sameCi } from './receiver-locations';
import { logReceived } from './receivers';
import type { SimEnv } from './sim-env';
import { implements_ } from './versions';

type Obj = Record<string, unknown>;

/**
 * eMSP real-time authorization: `POST {tokens}/{uid}/authorize[?type=]` (ocpi-notes §4.5). Unknown tokens get
 * HTTP 404 + 2004; blocked or expired ones still get 200 + 1000 with `allowed` set accordingly.
 */
export function mountAuthorizeRoute(app: Hono<SimEnv>, state: PlatformState): void {
  app.post('/ocpi/2.2.1/sender/tokens/:uid/authorize', (c) => {
    if (!implements_(state, 'tokens', 'SENDER')) {
      return ocpiReply(c, undefined, { http: 404, code: 2000, message: 'no such endpoint' });
    }
    logReceived(c, state, 'tokens');
    const uid = c.req.param('uid');
    const type = c.req.query('type') ?? 'RFID';
    const seeded = (state.seeded.get('tokens') ?? []).find(
      (t) => sameCi(t.uid, uid) && (t.type ?? 'RFID') === type,
    );
    const configured = state.authorizations.get(uid.toUpperCase());
    if (configured === 'unknown' || (!seeded && !configured)) {
      return ocpiReply(c, undefined, { http: 404, code: 2004, message: 'unknown token' });
    }
    const owner = state.roles.find((r) => r.role === 'EMSP') ?? state.roles[0]!;
    const token: Obj = seeded ?? {
      country_code: owner.country_code,
      party_id: owner.party_id,
      uid,
      type,
      contract_id: uid,
      issuer: state.name,
      valid: true,
      whitelist: 'ALLOWED',
      last_updated: formatOcpiDateTime(Date.now()),
    };
    const allowed = configured ?? (token.valid === false ? 'NOT_ALLOWED' : 'ALLOWED');
    const body = c.get('body') as Obj | undefined;
    const data: Obj = { allowed, token, authorization_reference: randomUUID() };
    if (body && typeof body.location_id === 'string') data.location = body;
    return ocpiReply(c, data);
  });
}
