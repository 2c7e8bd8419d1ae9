import {
  type CommandResponse,
  CommandResponseSchema,
  type CommandResult,
  CommandResultSchema,
} from '../../schemas/command-response';
import {
  type CommandType,
  type ReserveNow,
  ReserveNowSchema,
  type StartSession,
  StartSessionSchema,
  type StopSession,
  StopSessionSchema,
  type UnlockConnector,
  UnlockConnectorSchema,
} from '../../schemas/commands';
import {
  type CommandResponse211,
  CommandResponse211Schema,
  type CommandType211,
  type ReserveNow211,
  ReserveNow211Schema,
  type StartSession211,
  StartSession211Schema,
  type StopSession211,
  StopSession211Schema,
  type UnlockConnector211,
  UnlockConnector211Schema,
} from '../schemas/commands';
import { checked } from './checked';
import { utcDateTimes } from './datetimes';
import { compact, type Party } from './party';
import { tokenTo211, tokenTo221 } from './token';
import { type LossLog, noteLoss } from './untranslatable';

/**
 * Commands. 2.1.1 has one CommandResponse `{ result }` for both the CPO's synchronous answer and the body
 * it POSTs to `response_url` later; 2.2.1 splits them into CommandResponse (with a `timeout`) and
 * CommandResult. The hub splits and joins them by which leg it is on: the answer to the command POST is
 * a CommandResponse, a POST to the response_url is a CommandResult.
 */

/** CANCEL_RESERVATION does not exist in 2.1.1: the hub answers it NOT_SUPPORTED itself (undefined here). */
export function commandTypeTo211(type: CommandType): CommandType211 | undefined {
  return type === 'CANCEL_RESERVATION' ? undefined : type;
}

/** Toward a 2.1.1 CPO: connector_id and authorization_reference have no 2.1.1 field. */
export function startSessionTo211(command: StartSession, log?: LossLog): StartSession211 {
  const { token, connector_id, authorization_reference, ...rest } = command;
  if (connector_id !== undefined)
    noteLoss(log, 'connector_id', 'dropped: 2.1.1 StartSession has no such field');
  if (authorization_reference !== undefined) {
    noteLoss(log, 'authorization_reference', 'dropped: 2.1.1 StartSession has no such field');
  }
  return checked(StartSession211Schema, { ...rest, token: tokenTo211(token, log) }, '2.1.1');
}

/** From a 2.1.1 eMSP: its token is owned by its party. */
export function startSessionTo221(command: StartSession211, emsp: Party): StartSession {
  const { token, ...rest } = command;
  return checked(StartSessionSchema, { ...rest, token: tokenTo221(token, emsp) }, '2.2.1');
}

/** A canonical decimal that fits a 2.1.1 `int` (and a 32-bit one, for the charge point behind it). */
const INT_ID = /^(0|[1-9][0-9]{0,9})$/;

/** The int a numeric reservation id is, or undefined for ids that need a mapping. */
function numericReservationId(id: string): number | undefined {
  if (!INT_ID.test(id)) return undefined;
  const value = Number(id);
  return value <= 2_147_483_647 ? value : undefined;
}

/**
 * 2.1.1 reservation ids are ints, 2.2.1's are CiString(36). A numeric id goes across as its number;
 * any other id is given an int by `allocate` (the hub keeps that mapping, so the same id for the same
 * location still replaces the reservation and a later cancel finds it).
 */
export async function reserveNowTo211(
  command: ReserveNow,
  allocate: (reservationId: string) => Promise<number>,
  log?: LossLog,
): Promise<ReserveNow211> {
  const { token, reservation_id, authorization_reference, ...rest } = command;
  if (authorization_reference !== undefined) {
    noteLoss(log, 'authorization_reference', 'dropped: 2.1.1 ReserveNow has no such field');
  }
  const number = numericReservationId(reservation_id) ?? (await allocate(reservation_id));
  const translated = { ...rest, token: tokenTo211(token, log), reservation_id: number };
  return checked(ReserveNow211Schema, translated, '2.1.1');
}

/** From a 2.1.1 eMSP: the int id becomes its decimal string. */
export function reserveNowTo221(command: ReserveNow211, emsp: Party): ReserveNow {
  const { token, reservation_id, ...rest } = command;
  const translated = { ...rest, token: tokenTo221(token, emsp), reservation_id: String(reservation_id) };
  return checked(ReserveNowSchema, utcDateTimes(translated), '2.2.1');
}

export function stopSessionTo211(command: StopSession): StopSession211 {
  return checked(StopSession211Schema, command, '2.1.1');
}

export function stopSessionTo221(command: StopSession211): StopSession {
  return checked(StopSessionSchema, command, '2.2.1');
}

export function unlockConnectorTo211(command: UnlockConnector): UnlockConnector211 {
  return checked(UnlockConnector211Schema, command, '2.1.1');
}

export function unlockConnectorTo221(command: UnlockConnector211): UnlockConnector {
  return checked(UnlockConnectorSchema, command, '2.2.1');
}

/**
 * A 2.1.1 CPO's synchronous answer as a 2.2.1 CommandResponse. 2.1.1 gives no `timeout`, so the hub
 * supplies how long it waits for the result; a synchronous TIMEOUT (the CPO could not reach the charge
 * point in time) is REJECTED, the nearest 2.2.1 CommandResponseType.
 */
export function commandResponseTo221(
  response: CommandResponse211,
  timeoutSeconds: number,
  log?: LossLog,
): CommandResponse {
  const { result, ...rest } = response;
  if (result === 'TIMEOUT') noteLoss(log, 'result', 'a synchronous TIMEOUT is answered as REJECTED');
  const translated = { ...rest, result: result === 'TIMEOUT' ? 'REJECTED' : result, timeout: timeoutSeconds };
  return checked(CommandResponseSchema, translated, '2.2.1');
}

/** A 2.2.1 CPO's synchronous answer toward a 2.1.1 eMSP: `timeout` and `message` have no 2.1.1 field. */
export function commandResponseTo211(response: CommandResponse, log?: LossLog): CommandResponse211 {
  const { timeout: _timeout, message, ...rest } = response;
  if (message !== undefined) noteLoss(log, 'message', 'dropped: 2.1.1 CommandResponse has no such field');
  return checked(CommandResponse211Schema, rest, '2.1.1');
}

/**
 * The 2.2.1 CommandResult for what a 2.1.1 CPO POSTs to the response_url. UNKNOWN_SESSION is no
 * CommandResultType: the charge point refused the command, so it is REJECTED.
 */
export function commandResultTo221(response: CommandResponse211, log?: LossLog): CommandResult {
  const { result, ...rest } = response;
  if (result === 'UNKNOWN_SESSION') noteLoss(log, 'result', 'UNKNOWN_SESSION sent as REJECTED');
  const translated = { ...rest, result: result === 'UNKNOWN_SESSION' ? 'REJECTED' : result };
  return checked(CommandResultSchema, translated, '2.2.1');
}

/**
 * A 2.2.1 CommandResult toward a 2.1.1 eMSP's response_url. ACCEPTED, REJECTED, NOT_SUPPORTED and
 * TIMEOUT exist in both; the other results all say the command did not happen and become REJECTED.
 */
export function commandResultTo211(result: CommandResult, log?: LossLog): CommandResponse211 {
  const { result: type, message, ...rest } = result;
  if (message !== undefined) noteLoss(log, 'message', 'dropped: 2.1.1 CommandResponse has no such field');
  const same = type === 'ACCEPTED' || type === 'REJECTED' || type === 'NOT_SUPPORTED' || type === 'TIMEOUT';
  if (!same) noteLoss(log, 'result', `${type} sent as REJECTED`);
  return checked(CommandResponse211Schema, compact({ ...rest, result: same ? type : 'REJECTED' }), '2.1.1');
}
