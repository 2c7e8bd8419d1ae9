import { Hono } from 'hono';
import * as z from 'zod/mini';
import { authorizeToken } from '../../hub/charging/authorization.service';
import { IdSchema, LocationReferencesSchema, TokenTypeSchema } from '../../ocpi/schemas';
import type { HubEnv } from '../http-env';
import { readOptionalJsonText } from './ocpi-body';
import type { OcpiModule } from './ocpi-module';
import { ocpiCall, readParam, sendAnswer } from './ocpi-request';

/**
 * Real-time authorization on the hub's tokens Sender interface: `POST {tokens}/{uid}/authorize[?type=]`
 * (tokens §12.2.2). The tokens module advertises the endpoint; this module only adds the route, so it is
 * registered before the tokens module.
 */
export const tokenAuthorizeModule: OcpiModule = {
  endpoints: [],
  routes() {
    const app = new Hono<HubEnv>();
    app.post('/sender/tokens/:uid/authorize', async (c) => {
      const uid = readParam('token_uid', c.req.param('uid'), IdSchema);
      const type = readParam('type', c.req.query('type'), z.optional(TokenTypeSchema));
      // The LocationReferences body is optional (tokens §12.2.2.1); when present it must be one.
      const bodyText = await readOptionalJsonText(c);
      if (bodyText !== undefined) readParam('body', JSON.parse(bodyText), LocationReferencesSchema);
      const answer = await authorizeToken(ocpiCall(c), {
        uid,
        ...(type ? { type } : {}),
        ...(bodyText ? { bodyText } : {}),
      });
      return sendAnswer(c, answer);
    });
    return app;
  },
};
