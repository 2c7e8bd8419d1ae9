import type { Context } from 'hono';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  type ProfileMethod,
  receiveActiveProfile,
  receiveProfileResult,
  requestChargingProfile,
} from '../../hub/charging/charging-profile.service';
import { InterfaceRole } from '../../ocpi/modules';
import {
  ActiveChargingProfileSchema,
  IdSchema,
  SetChargingProfileSchema,
  UrlSchema,
} from '../../ocpi/schemas';
import type { HubEnv } from '../http-env';
import { readOptionalJsonText, readRequiredBody } from './ocpi-body';
import type { OcpiModule } from './ocpi-module';
import { ocpiCall, readParam, sendAnswer } from './ocpi-request';

const ResultIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'is not a result URL of this hub' }));
const DurationSchema = z.string().check(z.regex(/^\d{1,9}$/, { message: 'must be a number of seconds' }));

/**
 * ChargingProfiles (chargingprofiles §14, ocpi-notes §4.7). Receiver: PUT/GET/DELETE `{url}/{session_id}`
 * from an SCSP or eMSP, forwarded to the CPO with a hub response_url. Sender: `POST {url}/results/{id}`
 * (the CPO's asynchronous results) and `PUT {url}/{session_id}` (ActiveChargingProfile updates), both
 * stored and delivered to the party that asked through the outbox (docs/architecture.md
 * "Store and forward: sessions, CDRs and asynchronous results").
 */
export const chargingProfilesModule: OcpiModule = {
  endpoints: [
    { identifier: 'chargingprofiles', role: InterfaceRole.SENDER },
    { identifier: 'chargingprofiles', role: InterfaceRole.RECEIVER },
  ],
  routes() {
    const app = new Hono<HubEnv>();
    app.put('/receiver/chargingprofiles/:sessionId', async (c) => {
      const sessionId = readParam('session_id', c.req.param('sessionId'), IdSchema);
      const { value } = await readRequiredBody(c, SetChargingProfileSchema);
      return sendAnswer(
        c,
        await requestChargingProfile(ocpiCall(c), { method: 'PUT', sessionId, body: value, query: {} }),
      );
    });
    app.on(['GET', 'DELETE'], '/receiver/chargingprofiles/:sessionId', async (c) => {
      const sessionId = readParam('session_id', c.req.param('sessionId'), IdSchema);
      const method = c.req.method as ProfileMethod;
      return sendAnswer(
        c,
        await requestChargingProfile(ocpiCall(c), { method, sessionId, query: profileQuery(c, method) }),
      );
    });
    app.post('/sender/chargingprofiles/results/:id', async (c) => {
      const id = readParam('id', c.req.param('id'), ResultIdSchema);
      const text = await readOptionalJsonText(c);
      if (text === undefined)
        return sendAnswer(c, await receiveProfileResult(ocpiCall(c), id, undefined, ''));
      return sendAnswer(c, await receiveProfileResult(ocpiCall(c), id, JSON.parse(text), text));
    });
    app.put('/sender/chargingprofiles/:sessionId', async (c) => {
      const sessionId = readParam('session_id', c.req.param('sessionId'), IdSchema);
      const { text } = await readRequiredBody(c, ActiveChargingProfileSchema);
      return sendAnswer(c, await receiveActiveProfile(ocpiCall(c), sessionId, text));
    });
    return app;
  },
};

function profileQuery(c: Context<HubEnv>, method: ProfileMethod) {
  const responseUrl = readParam('response_url', c.req.query('response_url'), UrlSchema);
  if (method === 'DELETE') return { response_url: responseUrl };
  const duration = readParam('duration', c.req.query('duration'), DurationSchema);
  return { response_url: responseUrl, duration };
}
