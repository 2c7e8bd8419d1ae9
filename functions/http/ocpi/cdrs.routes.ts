import { Hono } from 'hono';
import * as z from 'zod/mini';
import { listCdrs, postCdr, readCdr } from '../../hub/charging/cdr.service';
import { InterfaceRole } from '../../ocpi/modules';
import { CDRSchema } from '../../ocpi/schemas';
import type { HubEnv } from '../http-env';
import { forwardFromRequest } from './forwarding';
import { readRequiredBody } from './ocpi-body';
import type { OcpiModule } from './ocpi-module';
import { ocpiCall, readPageQuery, readParam, sendAnswer, sendPage } from './ocpi-request';

const LocatorSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'is not a CDR URL of this hub' }));

/**
 * CDRs (cdrs §10, ocpi-notes §4.3). Receiver: `POST {url}` from the CPO, stored and forwarded to the eMSP.
 * Sender: `GET {url}` for an eMSP's own CDRs (from the CPO named in TO: forwarded there), and
 * `GET {url}/{locator}`, the hub Location of one CDR.
 */
export const cdrsModule: OcpiModule = {
  endpoints: [
    { identifier: 'cdrs', role: InterfaceRole.SENDER },
    { identifier: 'cdrs', role: InterfaceRole.RECEIVER },
  ],
  routes() {
    const app = new Hono<HubEnv>();
    app.post('/receiver/cdrs', async (c) => {
      const { text, value } = await readRequiredBody(c, CDRSchema);
      return sendAnswer(c, await postCdr(ocpiCall(c), value, text));
    });
    app.get('/sender/cdrs', async (c) => {
      const call = ocpiCall(c);
      // A pull from a named CPO goes to that CPO, as for locations, tariffs and tokens (ocpi-notes §3.4).
      if (call.destination.kind === 'party') {
        return forwardFromRequest(c, {
          module: 'cdrs',
          targetInterface: 'SENDER',
          targetRoles: ['CPO'],
          fromRoles: ['EMSP'],
          pathSegments: [],
        });
      }
      const query = readPageQuery(c);
      const { emsp, page } = await listCdrs(call, query);
      return sendPage(c, emsp, { ...page, items: page.items.map((r) => r.cdr) }, query.offset, query.limit);
    });
    app.get('/sender/cdrs/:locator', async (c) => {
      const locator = readParam('locator', c.req.param('locator'), LocatorSchema);
      return sendAnswer(c, await readCdr(ocpiCall(c), locator));
    });
    return app;
  },
};
