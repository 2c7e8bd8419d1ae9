import { InvalidParametersError, NotFoundError } from '../../ocpi/errors';
import { type PartyRef, partyKey, partyOfKey, refOf } from '../../ocpi/party';
import { CHARGING_PREFERENCES_RESPONSES } from '../../ocpi/schemas/charging-preferences';
import { leniencyFor } from '../partners/leniency';
import { hubAnswer, relayedAnswer, type StoredAnswer } from '../routing/answers';
import { type ForwardResult, forwardToParty } from '../routing/forwarder';
import { callerParty, type OcpiCall, receiverOf } from '../routing/ocpi-call';
import { requireUrlParty } from '../routing/push-rules';
import type { SessionUrl } from './session.service';

/**
 * The CPO reads a session back (sessions §9.2.2.1, Receiver GET): with TO = the eMSP the request goes
 * to the eMSP's copy, else the hub answers with the copy it keeps (FROM = hub).
 */
export async function readSession(call: OcpiCall, url: SessionUrl): Promise<StoredAnswer> {
  const cpo = callerParty(call, ['CPO']);
  requireUrlParty(cpo, url);
  if (call.destination.kind === 'party') {
    return relayedAnswer(
      await forwardToParty(call.ctx, {
        module: 'sessions',
        targetInterface: 'RECEIVER',
        method: 'GET',
        pathSegments: [url.country_code, url.party_id, url.id],
        from: refOf(cpo),
        to: call.destination.to,
        targetRoles: ['EMSP'],
        correlationId: call.correlationId,
        callerPartnerId: call.caller.partner.id,
      }),
    );
  }
  const stored = await call.ctx.store.sessions.get(partyKey(cpo), url.id);
  if (!stored) throw new NotFoundError(`unknown session ${url.id}`);
  return hubAnswer({
    httpStatus: 200,
    data: stored.session,
    requester: refOf(cpo),
    receiver: call.ctx.tenant.hub,
    now: call.ctx.runtime.now(),
  });
}

/**
 * An eMSP's `PUT {sessions}/{session_id}/charging_preferences` (sessions §9.2.1.2), relayed to the CPO
 * of the session: the OCPI-to party, or (open routing) the CPO of the eMSP's session with that id. The
 * CPO's ChargingPreferencesResponse comes back in the spec's shape (`normalizePreferencesAnswer`).
 */
export async function putChargingPreferences(
  call: OcpiCall,
  sessionId: string,
  bodyText: string,
): Promise<{ result: ForwardResult; answer: StoredAnswer }> {
  const emsp = callerParty(call, ['EMSP']);
  const cpo = await receiverOf(
    call,
    () => cpoOfSession(call, refOf(emsp), sessionId),
    'charging preferences',
  );
  const result = await forwardToParty(call.ctx, {
    module: 'sessions',
    targetInterface: 'SENDER',
    method: 'PUT',
    pathSegments: [sessionId, 'charging_preferences'],
    bodyText,
    from: refOf(emsp),
    to: cpo,
    targetRoles: ['CPO'],
    correlationId: call.correlationId,
    callerPartnerId: call.caller.partner.id,
  });
  return { result, answer: normalizedPreferencesAnswer(call, result) };
}

/**
 * The CPO's ChargingPreferencesResponse in the spec's shape (tolerant reader, issue #11): a value in
 * lower case or wrapped in a one-element list is passed on as the plain enum value, and counted.
 */
function normalizedPreferencesAnswer(call: OcpiCall, result: ForwardResult): StoredAnswer {
  const data = result.envelope?.data;
  const value = preferencesResponseOf(data);
  if (value === undefined || value === data) return relayedAnswer(result);
  const leniencies = leniencyFor(call.ctx, result.target.partner.id);
  if (Array.isArray(data)) leniencies.note('list_wrapped_object');
  if ((Array.isArray(data) ? data[0] : data) !== value) leniencies.note('lowercase_cistrings');
  const body = JSON.parse(result.bodyText) as Record<string, unknown>;
  return relayedAnswer({ ...result, bodyText: JSON.stringify({ ...body, data: value }) });
}

async function cpoOfSession(
  call: OcpiCall,
  emsp: PartyRef,
  sessionId: string,
): Promise<PartyRef | undefined> {
  const sessions = (await call.ctx.store.sessions.findById(sessionId)).filter(
    (s) => s.emsp_key === partyKey(emsp),
  );
  if (sessions.length > 1) {
    throw new InvalidParametersError(
      `session ${sessionId} exists at several CPOs; name one with OCPI-to-country-code/OCPI-to-party-id`,
      'OCPI-to-party-id',
    );
  }
  const [session] = sessions;
  return session ? partyOfKey(session.cpo_key) : undefined;
}

/** A ChargingPreferencesResponse value, when `data` is one (any case, or a one-element list of one). */
function preferencesResponseOf(data: unknown): string | undefined {
  const value = Array.isArray(data) && data.length === 1 ? data[0] : data;
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return (CHARGING_PREFERENCES_RESPONSES as readonly string[]).includes(upper) ? upper : undefined;
}
