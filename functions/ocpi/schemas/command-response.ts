import * as z from 'zod/mini';
import { DisplayTextSchema } from './display-text';
import { closedEnum } from './enums';
import { ocpiObject } from './objects';
import { IntSchema } from './primitives';

export const COMMAND_RESPONSE_TYPES = ['NOT_SUPPORTED', 'REJECTED', 'ACCEPTED', 'UNKNOWN_SESSION'] as const;
export const CommandResponseTypeSchema = closedEnum(COMMAND_RESPONSE_TYPES);
export type CommandResponseType = z.infer<typeof CommandResponseTypeSchema>;

export const COMMAND_RESULT_TYPES = [
  'ACCEPTED',
  'CANCELED_RESERVATION',
  'EVSE_OCCUPIED',
  'EVSE_INOPERATIVE',
  'FAILED',
  'NOT_SUPPORTED',
  'REJECTED',
  'TIMEOUT',
  'UNKNOWN_RESERVATION',
] as const;
export const CommandResultTypeSchema = closedEnum(COMMAND_RESULT_TYPES);
export type CommandResultType = z.infer<typeof CommandResultTypeSchema>;

/**
 * CommandResponse (commands §13.4.1): the CPO's synchronous answer. `timeout` (seconds) is how long the
 * eMSP waits for the CommandResult before assuming it will never come.
 */
export const CommandResponseSchema = ocpiObject(() => ({
  result: CommandResponseTypeSchema,
  timeout: IntSchema.check(z.minimum(0)),
  message: z.optional(z.array(DisplayTextSchema)),
}));
export type CommandResponse = z.infer<typeof CommandResponseSchema>;

/** CommandResult (commands §13.4.2): POSTed by the CPO to the command's response_url. */
export const CommandResultSchema = ocpiObject(() => ({
  result: CommandResultTypeSchema,
  message: z.optional(z.array(DisplayTextSchema)),
}));
export type CommandResult = z.infer<typeof CommandResultSchema>;
