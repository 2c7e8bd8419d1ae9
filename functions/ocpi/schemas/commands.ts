import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';
import { closedEnum } from './enums';
import { ocpiObject } from './objects';
import { ciString, DateTimeSchema, IdSchema, UrlSchema } from './primitives';
import { TokenSchema } from './token';

/**
 * Command request bodies (commands §13.3). Each carries the eMSP's `response_url` for the asynchronous
 * CommandResult; a hub rewrites it to its own URL before forwarding (ocpi-notes §3.6).
 */
export const COMMAND_TYPES = [
  'CANCEL_RESERVATION',
  'RESERVE_NOW',
  'START_SESSION',
  'STOP_SESSION',
  'UNLOCK_CONNECTOR',
] as const;
export const CommandTypeSchema = closedEnum(COMMAND_TYPES);
export type CommandType = z.infer<typeof CommandTypeSchema>;

/** StartSession (commands §13.3.5): `connector_id` only makes sense together with `evse_uid`. */
export const StartSessionSchema = builtOnFirstUse(() =>
  ocpiObject(() => ({
    response_url: UrlSchema,
    token: TokenSchema,
    location_id: IdSchema,
    evse_uid: z.optional(IdSchema),
    connector_id: z.optional(IdSchema),
    authorization_reference: z.optional(ciString(36)),
  })).check(
    z.superRefine((command, ctx) => {
      if (command.connector_id !== undefined && command.evse_uid === undefined) {
        ctx.addIssue({ code: 'custom', message: 'is required when connector_id is set', path: ['evse_uid'] });
      }
    }),
  ),
);
export type StartSession = z.infer<typeof StartSessionSchema>;

/** StopSession (commands §13.3.6). */
export const StopSessionSchema = ocpiObject(() => ({
  response_url: UrlSchema,
  session_id: IdSchema,
}));
export type StopSession = z.infer<typeof StopSessionSchema>;

/** ReserveNow (commands §13.3.4): the same reservation_id for the same location replaces it. */
export const ReserveNowSchema = ocpiObject(() => ({
  response_url: UrlSchema,
  token: TokenSchema,
  expiry_date: DateTimeSchema,
  reservation_id: IdSchema,
  location_id: IdSchema,
  evse_uid: z.optional(IdSchema),
  authorization_reference: z.optional(ciString(36)),
}));
export type ReserveNow = z.infer<typeof ReserveNowSchema>;

/** CancelReservation (commands §13.3.1). */
export const CancelReservationSchema = ocpiObject(() => ({
  response_url: UrlSchema,
  reservation_id: IdSchema,
}));
export type CancelReservation = z.infer<typeof CancelReservationSchema>;

/** UnlockConnector (commands §13.3.7): help-desk use only, all three references required. */
export const UnlockConnectorSchema = ocpiObject(() => ({
  response_url: UrlSchema,
  location_id: IdSchema,
  evse_uid: IdSchema,
  connector_id: IdSchema,
}));
export type UnlockConnector = z.infer<typeof UnlockConnectorSchema>;

/** The body schema of each command, by the `{command}` path segment. */
export const COMMAND_BODY_SCHEMAS = {
  CANCEL_RESERVATION: CancelReservationSchema,
  RESERVE_NOW: ReserveNowSchema,
  START_SESSION: StartSessionSchema,
  STOP_SESSION: StopSessionSchema,
  UNLOCK_CONNECTOR: UnlockConnectorSchema,
} as const satisfies Record<CommandType, z.ZodMiniType>;
