import type { Context } from 'hono';
import { Hono } from 'hono';
import { listSessions, patchSession, putSession, type SessionUrl } from '../../hub/charging/session.service';
import { putChargingPreferences, readSession } from '../../hub/charging/session-relay.service';
import { InterfaceRole } from '../../ocpi/modules';
import {
  ChargingPreferencesSchema,
  CountryCodeSchema,
  IdSchema,
  PartyIdSchema,
  SessionPatchSchema,
  SessionSchema,
} from '../../ocpi/schemas';
import type { HubEnv } from '../http-env';
import { forwardFromRequest, type RouteSpec } from './forwarding';
import { readRequiredBody } from './ocpi-body';
import type { OcpiModule } from './ocpi-module';
import { ocpiCall, readPageQuery, readParam, sendAnswer, sendPage } from './ocpi-request';

/**
 * Sessions (sessions §9, ocpi-notes §4.2). Receiver: PUT/PATCH `{url}/{cc}/{pid}/{session_id}` from the
 * CPO, kept at the hub and forwarded to the eMSP, and GET of it (the hub's copy, or the eMSP's with
 * TO = the eMSP). Sender: `GET {url}?date_from=...` for an eMSP to pull the sessions of its own tokens
 * from the hub, or from the CPO named in TO (forwarded, like locations); `PUT {url}/{session_id}/
 * charging_preferences` relayed to the session's CPO.
 */
export const sessionsModule: OcpiModule = {
  endpoints: [
    { identifier: 'sessions', role: InterfaceRole.SENDER },
    { identifier: 'sessions', role: InterfaceRole.RECEIVER },
  ],
  routes() {
    const app = new Hono<HubEnv>();
    app.put('/receiver/sessions/:cc/:pid/:id', async (c) => {
      const url = sessionUrl(c);
      const { text, value } = await readRequiredBody(c, SessionSchema);
      return sendAnswer(c, await putSession(ocpiCall(c), url, value, text));
    });
    app.patch('/receiver/sessions/:cc/:pid/:id', async (c) => {
      const url = sessionUrl(c);
      const { text, value } = await readRequiredBody(c, SessionPatchSchema);
      return sendAnswer(c, await patchSession(ocpiCall(c), url, value, text));
    });
    app.get('/receiver/sessions/:cc/:pid/:id', async (c) => {
      return sendAnswer(c, await readSession(ocpiCall(c), sessionUrl(c)));
    });
    app.put('/sender/sessions/:id/charging_preferences', async (c) => {
      const id = readParam('session_id', c.req.param('id'), IdSchema);
      const { text } = await readRequiredBody(c, ChargingPreferencesSchema);
      return sendAnswer(c, (await putChargingPreferences(ocpiCall(c), id, text)).answer);
    });
    app.get('/sender/sessions', async (c) => {
      const call = ocpiCall(c);
      // A pull from a named CPO goes to that CPO, as for locations, tariffs and tokens (ocpi-notes §3.4).
      if (call.destination.kind === 'party') return forwardFromRequest(c, SESSIONS_FROM_CPO);
      const query = readPageQuery(c);
      const { emsp, page } = await listSessions(call, query);
      return sendPage(
        c,
        emsp,
        { ...page, items: page.items.map((s) => s.session) },
        query.offset,
        query.limit,
      );
    });
    return app;
  },
};

const SESSIONS_FROM_CPO: RouteSpec = {
  module: 'sessions',
  targetInterface: 'SENDER',
  targetRoles: ['CPO'],
  fromRoles: ['EMSP'],
  pathSegments: [],
};

function sessionUrl(c: Context<HubEnv>): SessionUrl {
  return {
    country_code: readParam('country_code', c.req.param('cc'), CountryCodeSchema),
    party_id: readParam('party_id', c.req.param('pid'), PartyIdSchema),
    id: readParam('session_id', c.req.param('id'), IdSchema),
  };
}
