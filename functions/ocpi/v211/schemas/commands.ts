import * as z from 'zod/mini';
import {
  closedEnum,
  DateTime211Schema,
  Id211Schema,
  IntSchema,
  LongId211Schema,
  ocpiObject,
  UrlSchema,
} from './primitives';
import { Token211Schema } from './token';

/** CommandType (OCPI 2.1.1 commands): no CANCEL_RESERVATION (added in 2.2). */
export const COMMAND_TYPES_211 = [
  'RESERVE_NOW',
  'START_SESSION',
  'STOP_SESSION',
  'UNLOCK_CONNECTOR',
] as const;
export const CommandType211Schema = closedEnum(COMMAND_TYPES_211);
export type CommandType211 = z.infer<typeof CommandType211Schema>;

/** CommandResponseType (OCPI 2.1.1 commands): one set for both the synchronous and the asynchronous answer. */
export const COMMAND_RESPONSE_TYPES_211 = [
  'NOT_SUPPORTED',
  'REJECTED',
  'ACCEPTED',
  'TIMEOUT',
  'UNKNOWN_SESSION',
] as const;
export const CommandResponseType211Schema = closedEnum(COMMAND_RESPONSE_TYPES_211);
export type CommandResponseType211 = z.infer<typeof CommandResponseType211Schema>;

/**
 * CommandResponse (OCPI 2.1.1 commands): both the CPO's synchronous answer to the command POST and the
 * body it later POSTs to `response_url` (2.2.1 splits these into CommandResponse with a `timeout` and
 * CommandResult).
 */
export const CommandResponse211Schema = ocpiObject(() => ({
  result: CommandResponseType211Schema,
}));
export type CommandResponse211 = z.infer<typeof CommandResponse211Schema>;

/** StartSession (OCPI 2.1.1 commands): no connector_id or authorization_reference. */
export const StartSession211Schema = ocpiObject(() => ({
  response_url: UrlSchema,
  token: Token211Schema,
  location_id: LongId211Schema,
  evse_uid: z.optional(LongId211Schema),
}));
export type StartSession211 = z.infer<typeof StartSession211Schema>;

/** StopSession (OCPI 2.1.1 commands). */
export const StopSession211Schema = ocpiObject(() => ({
  response_url: UrlSchema,
  session_id: Id211Schema,
}));
export type StopSession211 = z.infer<typeof StopSession211Schema>;

/** ReserveNow (OCPI 2.1.1 commands): `reservation_id` is an int (2.2.1: CiString(36)). */
export const ReserveNow211Schema = ocpiObject(() => ({
  response_url: UrlSchema,
  token: Token211Schema,
  expiry_date: DateTime211Schema,
  reservation_id: IntSchema,
  location_id: LongId211Schema,
  evse_uid: z.optional(LongId211Schema),
}));
export type ReserveNow211 = z.infer<typeof ReserveNow211Schema>;

/** UnlockConnector (OCPI 2.1.1 commands): all three references required. */
export const UnlockConnector211Schema = ocpiObject(() => ({
  response_url: UrlSchema,
  location_id: LongId211Schema,
  evse_uid: LongId211Schema,
  connector_id: Id211Schema,
}));
export type UnlockConnector211 = z.infer<typeof UnlockConnector211Schema>;

/** The body schema of each 2.1.1 command, by the `{command}` path segment. */
export const COMMAND_211_BODY_SCHEMAS = {
  RESERVE_NOW: ReserveNow211Schema,
  START_SESSION: StartSession211Schema,
  STOP_SESSION: StopSession211Schema,
  UNLOCK_CONNECTOR: UnlockConnector211Schema,
} as const satisfies Record<CommandType211, z.core.$ZodType>;
