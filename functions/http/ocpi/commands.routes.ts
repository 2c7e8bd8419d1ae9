import { Hono } from 'hono';
import * as z from 'zod/mini';
import { sendCommand } from '../../hub/charging/command.service';
import { receiveCommandResult } from '../../hub/charging/command-result.service';
import { InterfaceRole } from '../../ocpi/modules';
import { COMMAND_BODY_SCHEMAS, CommandResultSchema, CommandTypeSchema } from '../../ocpi/schemas';
import type { HubEnv } from '../http-env';
import { readRequiredBody } from './ocpi-body';
import type { OcpiModule } from './ocpi-module';
import { ocpiCall, readParam, sendAnswer } from './ocpi-request';

/** The opaque id of a hub result URL (base64url of 18 random bytes). */
const ResultIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'is not a result URL of this hub' }));

/**
 * Commands (commands §13, ocpi-notes §4.6). Receiver: `POST {url}/{command}` from an eMSP, forwarded to the
 * CPO with a hub response_url. Sender: `POST {url}/{id}`, the hub response_url the CPO posts its
 * CommandResult to.
 */
export const commandsModule: OcpiModule = {
  endpoints: [
    { identifier: 'commands', role: InterfaceRole.SENDER },
    { identifier: 'commands', role: InterfaceRole.RECEIVER },
  ],
  routes() {
    const app = new Hono<HubEnv>();
    app.post('/receiver/commands/:command', async (c) => {
      const command = readParam('command', c.req.param('command'), CommandTypeSchema);
      const { value } = await readRequiredBody(c, COMMAND_BODY_SCHEMAS[command]);
      return sendAnswer(c, await sendCommand(ocpiCall(c), { command, body: value }));
    });
    app.post('/sender/commands/:id', async (c) => {
      const id = readParam('id', c.req.param('id'), ResultIdSchema);
      const { text, value } = await readRequiredBody(c, CommandResultSchema);
      return sendAnswer(c, await receiveCommandResult(ocpiCall(c), id, text, value.result));
    });
    return app;
  },
};
