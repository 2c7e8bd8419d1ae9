import { randomBytes } from 'node:crypto';
import type * as z from 'zod/mini';
import type { PartyRoleName } from '../../domain/partner';
import { InvalidParametersError, NotFoundError } from '../../ocpi/errors';
import { type PartyRef, partyKey, partyOfKey, refOf } from '../../ocpi/party';

import {
  ActiveChargingProfileResultSchema,
  ChargingProfileResultSchema,
  ClearProfileResultSchema,
} from '../../ocpi/schemas';
import { outboxPutOp, outboxSequence } from '../../store/outbox.repository';
import type { UrlMapping } from '../../store/url-mapping.repository';
import { nowIso } from '../hub-runtime';
import { hubAnswer, relayedAnswer, type StoredAnswer } from '../routing/answers';
import { forwardToParty } from '../routing/forwarder';
import { callerParty, type OcpiCall, receiverOf } from '../routing/ocpi-call';
import { resolveTargetParty } from '../routing/party-resolution';
import { contentHash } from './content-hash';
import { IDEMPOTENCY_WINDOWS_MS, runIdempotent } from './idempotency';
import { sessionById } from './open-routing';
import { owedMessage, owedReceiver } from './owed-message';
import { requireRegisteredOrigin } from './response-url';
import { readSyncAnswer } from './sync-answer';

type Obj = Record<string, unknown>;
export type ProfileMethod = 'GET' | 'PUT' | 'DELETE';

/** Result URLs and profile setters live a day: results come within the CPO's timeout, sessions end. */
const MAPPING_TTL_S = 24 * 3600;
const SETTER_TTL_S = 7 * 24 * 3600;

/** Each request's asynchronous result body (chargingprofiles §14.3.3-14.3.5). */
const RESULT_SCHEMAS: Record<ProfileMethod, z.ZodMiniType> = {
  GET: ActiveChargingProfileResultSchema,
  PUT: ChargingProfileResultSchema,
  DELETE: ClearProfileResultSchema,
};

export interface ProfileRequest {
  method: ProfileMethod;
  sessionId: string;
  /** PUT: the validated SetChargingProfile. */
  body?: Obj;
  /** GET: duration; GET/DELETE: response_url. */
  query: { duration?: string; response_url?: string };
}

/**
 * An SCSP's or eMSP's charging-profile request (chargingprofiles §14.2.2, ocpi-notes §4.7) to the CPO of
 * the session, with its response_url (body for PUT, query for GET/DELETE) replaced by a hub URL. An
 * eMSP may only address sessions of its own tokens; an SCSP's contract is for the CPO to judge.
 */
export async function requestChargingProfile(call: OcpiCall, req: ProfileRequest): Promise<StoredAnswer> {
  const requester = callerParty(call, ['SCSP', 'EMSP']);
  const requesterKey = partyKey(requester);
  const cpo = await receiverOf(
    call,
    async () => {
      const stored = await sessionById(call.ctx, req.sessionId, requesterKey);
      return stored ? partyOfKey(stored.cpo_key) : undefined;
    },
    'charging profile request',
  );
  const session = await call.ctx.store.sessions.get(partyKey(cpo), req.sessionId);
  if (requester.role === 'EMSP' && session && session.emsp_key !== requesterKey) {
    call.ctx.log.security('charging_profile_on_foreign_session', { partner_id: call.caller.partner.id });
    throw new InvalidParametersError('is a session of another eMSP', 'session_id');
  }
  const responseUrl = req.method === 'PUT' ? req.body?.response_url : req.query.response_url;
  if (typeof responseUrl !== 'string' || !URL.canParse(responseUrl)) {
    throw new InvalidParametersError('is required and must be a URL', 'response_url');
  }
  requireRegisteredOrigin(call.ctx, call.caller.partner, responseUrl, 'response_url');
  return runIdempotent(
    call.ctx,
    {
      key: `chargingprofiles|${call.caller.partner.id}|${req.method}|${req.sessionId.toUpperCase()}|${responseUrl}`,
      bodyHash: contentHash({ body: req.body ?? null, duration: req.query.duration ?? null }),
      windowMs: IDEMPOTENCY_WINDOWS_MS.chargingprofiles,
    },
    () => forwardProfileRequest(call, req, { ...refOf(requester), role: requester.role }, cpo, responseUrl),
  );
}

async function forwardProfileRequest(
  call: OcpiCall,
  req: ProfileRequest,
  requester: PartyRef & { role: PartyRoleName },
  cpo: PartyRef,
  responseUrl: string,
): Promise<StoredAnswer> {
  const { ctx } = call;
  const target = await resolveTargetParty(ctx, cpo, ['CPO']);
  const mapping: UrlMapping = {
    id: randomBytes(18).toString('base64url'),
    purpose: req.method,
    requester: { ...refOf(requester), role: requester.role, partner_id: call.caller.partner.id },
    receiver: { ...refOf(target.party), partner_id: target.partner.id },
    target_url: responseUrl,
    correlation_id: call.correlationId,
    session_id: req.sessionId,
    used: false,
    created_at: nowIso(ctx.runtime),
  };
  const mappings = ctx.store.urlMappings;
  await mappings.create(mapping, Math.floor(ctx.runtime.now() / 1000) + MAPPING_TTL_S);
  const hubUrl = ctx.urls.profileResult(mapping.id);
  // ActiveChargingProfile updates go to whoever set a profile on the session (chargingprofiles
  // §14.2.1): remembered unless the CPO clearly refused, whatever shape its answer had, an answer
  // that is no OCPI envelope included (issue #11 fault 3).
  const rememberSetter = () =>
    mappings.putSetter(
      {
        cpo_key: partyKey(cpo),
        session_id: req.sessionId,
        setter: mapping.requester,
        set_at: mapping.created_at,
      },
      Math.floor(ctx.runtime.now() / 1000) + SETTER_TTL_S,
    );
  let result: Awaited<ReturnType<typeof forwardToParty>>;
  try {
    result = await forwardToParty(ctx, {
      module: 'chargingprofiles',
      targetInterface: 'RECEIVER',
      method: req.method,
      pathSegments: [req.sessionId],
      query:
        req.method === 'PUT'
          ? undefined
          : { ...(req.query.duration ? { duration: req.query.duration } : {}), response_url: hubUrl },
      bodyText: req.method === 'PUT' ? JSON.stringify({ ...req.body, response_url: hubUrl }) : undefined,
      from: refOf(requester),
      to: cpo,
      targetRoles: ['CPO'],
      correlationId: call.correlationId,
      callerPartnerId: call.caller.partner.id,
    });
  } catch (err) {
    if (req.method === 'PUT') await rememberSetter();
    throw err;
  }
  if (req.method === 'PUT' && readSyncAnswer(result.httpStatus, result.bodyText).open) await rememberSetter();
  return relayedAnswer(result);
}

/**
 * The CPO's asynchronous result POSTed to the hub URL (chargingprofiles §14.2.1.2). Only the CPO the
 * request went to may post it. The first one wins the conditional write, which also writes its outbox
 * message: the hub owes the requester the result and delivers it to the requester's own response_url
 * with retries, ledger and replay (issue #12 item 1). OCPI has no synthesized result for charging
 * profiles, so one that comes late, or after the CPO said it would send none, is still forwarded.
 */
export async function receiveProfileResult(
  call: OcpiCall,
  id: string,
  body: unknown,
  bodyText: string,
): Promise<StoredAnswer> {
  const { ctx } = call;
  const mappings = ctx.store.urlMappings;
  const mapping = await mappings.get(id);
  const cpoKey = mapping && partyKey(mapping.receiver);
  const from = call.routing.from;
  const fromItsCpo =
    cpoKey !== undefined &&
    call.caller.partner.roles.some((r) => r.role === 'CPO' && partyKey(r) === cpoKey) &&
    (!from || partyKey(from) === cpoKey);
  if (!mapping || !fromItsCpo) {
    if (mapping) ctx.log.security('profile_result_from_wrong_party', { partner_id: call.caller.partner.id });
    throw new NotFoundError('unknown charging profile result URL');
  }
  const parsed = RESULT_SCHEMAS[mapping.purpose as ProfileMethod].safeParse(body);
  if (!parsed.success) throw InvalidParametersError.fromZod(parsed.error);
  const message = owedMessage(ctx, {
    module: 'chargingprofiles',
    method: 'POST',
    objectKey: `chargingprofiles:result*${mapping.id}`,
    sequence: outboxSequence(ctx.runtime.now()),
    owner: { ...refOf(mapping.receiver), role: 'CPO' },
    target: { ...refOf(mapping.requester), role: mapping.requester.role as PartyRoleName },
    url: mapping.target_url,
    targetInterface: 'SENDER',
    bodyText,
    correlationId: mapping.correlation_id,
  });
  const won = await mappings.markUsed(id, [outboxPutOp(message)]);
  return hubAnswer({
    httpStatus: 200,
    requester: refOf(mapping.receiver),
    receiver: refOf(mapping.requester),
    now: ctx.runtime.now(),
    message: won
      ? undefined
      : 'a result for this request was already received; the hub delivers it to the requester once',
  });
}

/**
 * The CPO's ActiveChargingProfile PUT (chargingprofiles §14.2.1.1) goes to the party that set a
 * profile on the session (or the OCPI-to party). Stored and forwarded like the results (issue #12
 * item 1): the hub writes the outbox message, answers the CPO 1000 itself, and the delivery worker
 * PUTs it to the receiver's chargingprofiles Sender endpoint with retries, ledger and replay; a later
 * profile of the same session supersedes an undelivered earlier one.
 */
export async function receiveActiveProfile(
  call: OcpiCall,
  sessionId: string,
  bodyText: string,
): Promise<StoredAnswer> {
  const { ctx } = call;
  const cpo = callerParty(call, ['CPO']);
  const setter = await ctx.store.urlMappings.getSetter(partyKey(cpo), sessionId);
  const to = await receiverOf(call, async () => setter && refOf(setter.setter), 'ActiveChargingProfile');
  const roles: PartyRoleName[] = setter ? [setter.setter.role as PartyRoleName] : ['SCSP', 'EMSP'];
  const target = await owedReceiver(ctx, to, roles, {
    module: 'chargingprofiles',
    targetInterface: 'SENDER',
  });
  await ctx.store.outbox.putIfAbsent(
    owedMessage(ctx, {
      module: 'chargingprofiles',
      method: 'PUT',
      objectKey: `chargingprofiles:active*${partyKey(cpo)}*${sessionId.toUpperCase()}`,
      sequence: outboxSequence(ctx.runtime.now()),
      owner: { ...refOf(cpo), role: 'CPO' },
      target,
      pathSegments: [sessionId],
      targetInterface: 'SENDER',
      bodyText,
      correlationId: call.correlationId,
    }),
  );
  return hubAnswer({
    httpStatus: 200,
    requester: refOf(cpo),
    receiver: refOf(target),
    now: ctx.runtime.now(),
  });
}
