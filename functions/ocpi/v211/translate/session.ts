import type { CdrToken } from '../../schemas/cdr-token';
import { type Session, type SessionPatch, SessionSchema, type SessionStatus } from '../../schemas/session';
import {
  type Session211,
  type Session211Patch,
  Session211PatchSchema,
  Session211Schema,
  type SessionStatus211,
} from '../schemas/session';
import {
  authMethodTo211,
  chargingPeriodsTo211,
  chargingPeriodsTo221,
  costTo211,
  costTo221,
} from './charging-periods';
import { checked } from './checked';
import { utcDateTimes } from './datetimes';
import { embeddedLocationTo211, NOT_APPLICABLE, usedEvseOf } from './embedded-location';
import type { CdrTokenLookup, LocationLookup } from './lookups';
import { compact, type Party } from './party';
import { type LossLog, noteLoss, UntranslatableError } from './untranslatable';

/** RESERVATION (a reserved, not yet charging session) does not exist in 2.1.1; PENDING is its nearest state. */
function statusTo211(status: SessionStatus, log?: LossLog): SessionStatus211 {
  if (status !== 'RESERVATION') return status;
  noteLoss(log, 'status', 'RESERVATION sent as PENDING');
  return 'PENDING';
}

/**
 * The fields of a 2.2.1 Session or Session PATCH for 2.1.1. `current` is the session as it stands after
 * the change (for a full session, the session itself): a 2.1.1 PATCH replaces lists where a 2.2.1 PATCH
 * appends charging periods, so the full list goes out, and the embedded location needs all three ids.
 */
async function sessionFieldsTo211(
  session: SessionPatch,
  current: Session,
  findLocation: LocationLookup,
  log?: LossLog,
): Promise<Session211Patch> {
  const {
    country_code: _countryCode,
    party_id: _partyId,
    start_date_time,
    end_date_time,
    cdr_token,
    auth_method,
    authorization_reference,
    location_id,
    evse_uid,
    connector_id,
    charging_periods,
    total_cost,
    status,
    ...rest
  } = session;
  if (authorization_reference !== undefined) {
    noteLoss(log, 'authorization_reference', 'dropped: 2.1.1 has no such field');
  }
  let location: Session211['location'] | undefined;
  if (location_id !== undefined || evse_uid !== undefined || connector_id !== undefined) {
    const owner = { country_code: current.country_code, party_id: current.party_id };
    const stored = await findLocation(owner, current.location_id);
    if (stored === undefined) {
      throw new UntranslatableError('2.1.1', 'location_id', 'the hub holds no such location to embed');
    }
    location = embeddedLocationTo211(stored, current.evse_uid, current.connector_id, log);
  }
  return compact({
    ...rest,
    start_datetime: start_date_time,
    end_datetime: end_date_time,
    auth_id: cdr_token?.contract_id,
    auth_method: auth_method === undefined ? undefined : authMethodTo211(auth_method, log),
    location,
    charging_periods:
      charging_periods === undefined
        ? undefined
        : chargingPeriodsTo211(current.charging_periods ?? [], 'charging_periods', log),
    total_cost: total_cost === undefined ? undefined : costTo211(total_cost, 'total_cost', log),
    status: status === undefined ? undefined : statusTo211(status, log),
  }) as Session211Patch;
}

/**
 * A Session toward a 2.1.1 eMSP: the stored location is embedded with only the EVSE and connector in use,
 * the token is its contract id (`auth_id`), `total_cost` is the amount excluding VAT.
 */
export async function sessionTo211(session: Session, findLocation: LocationLookup, log?: LossLog) {
  const fields = await sessionFieldsTo211(session, session, findLocation, log);
  return checked(Session211Schema, fields, '2.1.1');
}

/** A 2.2.1 Session PATCH toward a 2.1.1 eMSP; `current` is the stored session with the PATCH applied. */
export async function sessionPatchTo211(
  patch: SessionPatch,
  current: Session,
  findLocation: LocationLookup,
  log?: LossLog,
) {
  const fields = await sessionFieldsTo211(patch, current, findLocation, log);
  return checked(Session211PatchSchema, fields, '2.1.1');
}

/** The 2.2.1 CdrToken for a 2.1.1 auth_id, which names the contract, not the token (ocpi-notes §6). */
export async function cdrTokenFor(authId: string, findCdrToken: CdrTokenLookup): Promise<CdrToken> {
  const token = await findCdrToken(authId);
  if (token === undefined) {
    throw new UntranslatableError('2.2.1', 'auth_id', 'the hub knows no token with this contract id');
  }
  return token;
}

/** The fields of a 2.1.1 Session or PATCH for 2.2.1; `cdr_token` is looked up only when auth_id is sent. */
async function sessionFieldsTo221(session: Session211Patch, findCdrToken: CdrTokenLookup, log?: LossLog) {
  const { start_datetime, end_datetime, auth_id, location, charging_periods, total_cost, ...rest } = session;
  const used = location && usedEvseOf(location, 'location');
  return compact({
    ...rest,
    start_date_time: start_datetime,
    end_date_time: end_datetime,
    cdr_token: auth_id === undefined ? undefined : await cdrTokenFor(auth_id, findCdrToken),
    location_id: location?.id,
    evse_uid: location && (used?.evse.uid ?? NOT_APPLICABLE),
    connector_id: location && (used?.connector.id ?? NOT_APPLICABLE),
    charging_periods: charging_periods && chargingPeriodsTo221(charging_periods, 'charging_periods', log),
    total_cost: total_cost === undefined ? undefined : costTo221(total_cost),
  }) as SessionPatch;
}

/** A 2.1.1 CPO's Session as the hub stores it, owned by the CPO's party. */
export async function sessionTo221(
  session: Session211,
  owner: Party,
  findCdrToken: CdrTokenLookup,
  log?: LossLog,
): Promise<Session> {
  const fields = await sessionFieldsTo221(session, findCdrToken, log);
  const owned = { ...fields, country_code: owner.country_code, party_id: owner.party_id };
  return checked(SessionSchema, utcDateTimes(owned), '2.2.1');
}

/**
 * A 2.1.1 Session PATCH applied to the stored session. In 2.1.1 a PATCH replaces the fields it names,
 * charging periods included (2.2.1 would append them), so the result is the whole session, which the
 * hub stores and sends on as a PUT. A PATCH without `last_updated` gets the time the hub received it.
 */
export async function applySessionPatch211(
  stored: Session,
  patch: Session211Patch,
  receivedAt: string,
  findCdrToken: CdrTokenLookup,
  log?: LossLog,
): Promise<Session> {
  // The same contract id keeps the stored token: a lookup could only pick another token of that contract.
  const sameContract = patch.auth_id !== undefined && patch.auth_id === stored.cdr_token.contract_id;
  const fields = await sessionFieldsTo221(
    sameContract ? { ...patch, auth_id: undefined } : patch,
    findCdrToken,
    log,
  );
  const merged = {
    ...stored,
    ...fields,
    country_code: stored.country_code,
    party_id: stored.party_id,
    id: stored.id,
    last_updated: patch.last_updated ?? receivedAt,
  };
  return checked(SessionSchema, utcDateTimes(merged), '2.2.1');
}
