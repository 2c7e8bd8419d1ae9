import type { ClientInfoRecord } from '../../domain/client-info';
import type { Partner, PartyRoleName } from '../../domain/partner';
import { endpointUrl } from '../../domain/partner';
import { type OcpiEnvelope, parseEnvelope } from '../../ocpi/envelope';
import { HubError, ReceiverNotConnectedError, UnknownReceiverError } from '../../ocpi/errors';
import type { ModuleId } from '../../ocpi/modules';
import type { PartyRef } from '../../ocpi/party';
import { newRequestId } from '../../ocpi/request-ids';
import { joinUrl, withQuery } from '../../ocpi/url-join';
import { OutboundError } from '../../outbound/errors';
import type { PartnerHttpMethod, PartnerResponse } from '../../outbound/partner-http-client';
import { safeUrlForLogs } from '../../outbound/safe-url';
import type { TenantContext } from '../hub-runtime';
import { forwardedAnswerText } from '../partners/answer-leniencies';
import { leniencyFor } from '../partners/leniency';
import { credentialsFor, type PartnerCredentials, sendPartnerRequest } from '../partners/partner-request';
import { answerFromPartnerVersion, hopInPartnerVersion } from '../v211/forward-211';
import { recordContact } from './contact-record';
import { forwardErrorOf } from './forward-errors';
import { hubLinkFor } from './link-continuation';
import { isHub, resolveConnectedTargets } from './party-resolution';
import { relayedHeaders } from './relayed-headers';
import type { TargetCandidate } from './target-cache';

/** Under API Gateway's 29 s integration limit with room for the hub's own work (ocpi-notes §5). */
const MAX_FORWARD_TIMEOUT_MS = 25_000;

export interface ForwardRequest {
  module: ModuleId;
  /** Interface of the TARGET's endpoint to call: e.g. an eMSP's push of a token to a CPO goes to the
   *  CPO's RECEIVER tokens endpoint; an eMSP pulling locations from a CPO calls its SENDER endpoint. */
  targetInterface: 'SENDER' | 'RECEIVER';
  method: PartnerHttpMethod;
  /** Path segments appended to the target's endpoint URL (joined with joinUrl, each encoded). */
  pathSegments: string[];
  query?: Record<string, string>;
  /** Raw body text as received (forwarded byte-for-byte: the hub never changes last_updated). */
  bodyText?: string;
  from: PartyRef;
  to: PartyRef;
  /** Restrict the target lookup to these roles (e.g. ['CPO'] for a command). */
  targetRoles?: readonly PartyRoleName[];
  correlationId: string;
  /** Default tenant.outbound.timeoutMs; capped at MAX_FORWARD_TIMEOUT_MS. */
  timeoutMs?: number;
  /** The requesting partner: a pagination link handed out is then usable by that partner only. */
  callerPartnerId?: string;
}

export interface ForwardResult {
  httpStatus: number;
  /** OCPI headers to relay: OCPI-to/from-* (from the receiver), X-Total-Count, X-Limit, Link (already
   *  rewritten to a hub URL), Location (NOT rewritten: the caller decides), Content-Type. */
  headers: Record<string, string>;
  bodyText: string;
  /** Parsed envelope when the answer is one. */
  envelope?: OcpiEnvelope<unknown>;
  target: { party: ClientInfoRecord; partner: Partner };
}

/** One hop to one receiver, whatever brought the hub there (a module route or a page link). */
export interface Hop {
  module: ModuleId;
  targetInterface: 'SENDER' | 'RECEIVER';
  method: PartnerHttpMethod;
  url: string;
  bodyText?: string;
  from: PartyRef;
  to: PartyRef;
  correlationId: string;
  timeoutMs?: number;
  callerPartnerId?: string;
}

/**
 * Direct routing (ocpi-notes §3.1): finds the TO party's endpoint for (module, targetInterface) and sends
 * the request there with the hub's own token for that partner, a new X-Request-ID, the same
 * X-Correlation-ID and the routing headers unchanged. The receiver's status and body come back as they
 * are (its 2xxx/3xxx included); the hub's own failures are 4000-4003 errors thrown as OcpiErrors.
 */
export async function forwardToParty(ctx: TenantContext, req: ForwardRequest): Promise<ForwardResult> {
  if (isHub(ctx, req.to)) {
    // TO = hub is broadcast or GET-all (ocpi-notes §3.2, §3.4): the module route serves it, never a forward.
    throw new UnknownReceiverError(`${describeParty(req.to)} is the hub itself, not a party to forward to`);
  }
  const candidates = await resolveConnectedTargets(ctx, req.to, req.targetRoles);
  const target = pickImplementing(candidates, req);
  const url = targetUrl(endpointUrl(target.partner, req.module, req.targetInterface) as string, req);
  return sendHop(ctx, target, { ...req, url }, () => {
    const fresh = resolveConnectedTargets(ctx, req.to, req.targetRoles, { fresh: true });
    return fresh.then((list) => pickImplementing(list, req));
  });
}

/** Sends a hop to a resolved target; `refresh` re-reads the target once if it refuses our token. */
export async function sendHop(
  ctx: TenantContext,
  target: TargetCandidate,
  hop: Hop,
  refresh?: () => Promise<TargetCandidate>,
): Promise<ForwardResult> {
  const timeoutMs = Math.min(hop.timeoutMs ?? ctx.tenant.outbound.timeoutMs, MAX_FORWARD_TIMEOUT_MS);
  const deadline = Date.now() + timeoutMs;
  let current = target;
  // A 2.1.1 receiver gets the request translated and answers in 2.1.1 (hub/v211/forward-211.ts).
  let response = await sendOnce(
    ctx,
    current,
    await hopInPartnerVersion(ctx, current.partner, hop),
    timeoutMs,
  );
  if (refusedOurToken(ctx, current, response) && refresh) {
    // A cached target may hold a token rotated in another process meanwhile (target-cache.ts): a 401
    // means nothing was processed, so one resend with a fresh read is safe.
    const fresh = await refresh();
    const remaining = deadline - Date.now();
    if (fresh.partner.rev !== current.partner.rev && remaining > 100) {
      current = fresh;
      response = await sendOnce(
        ctx,
        current,
        await hopInPartnerVersion(ctx, current.partner, hop),
        remaining,
      );
      refusedOurToken(ctx, current, response);
    }
  }
  await recordContact(ctx, current.partner.id);
  if (response.status === 401 || response.status === 403) {
    // Relaying the 401 would tell the requester that ITS token is wrong; the link hub->receiver is.
    ctx.log.security('forward_token_refused', {
      partner_id: current.partner.id,
      url: safeUrlForLogs(hop.url),
    });
    throw new ReceiverNotConnectedError(
      `receiver ${describeParty(hop.to)} refused the hub's credentials (HTTP ${response.status})`,
    );
  }
  response = await answerFromPartnerVersion(ctx, current.partner, hop, response);
  const envelope = parseEnvelope(response.json);
  if (!envelope) {
    ctx.log.warn('receiver answered without an OCPI envelope', {
      url: safeUrlForLogs(hop.url),
      http_status: response.status,
    });
    throw new HubError(
      `receiver ${describeParty(hop.to)} answered HTTP ${response.status} without an OCPI envelope`,
    );
  }
  const headers = relayedHeaders(response.headers, hop);
  const next = await hubLinkFor(ctx, response.headers.link, {
    url: hop.url,
    module: hop.module,
    targetInterface: hop.targetInterface,
    partner_id: current.partner.id,
    from: hop.from,
    to: hop.to,
    ...(hop.callerPartnerId ? { caller_partner_id: hop.callerPartnerId } : {}),
  });
  if (next) headers.Link = `<${next}>; rel="next"`;
  return {
    httpStatus: response.status,
    headers,
    bodyText: forwardedAnswerText(ctx, current.partner.id, hop.module, response),
    envelope,
    target: { party: current.party, partner: current.partner },
  };
}

/**
 * Whether the receiver refused the hub's token: 401, or 403 where 401 is due (ocpi-notes §1.4 tolerates 403 for authentication failures; a
 * request to a functional module with the hub's own token has no other reason to be forbidden), which is
 * counted for the partner's leniency telemetry (issue #11).
 */
function refusedOurToken(ctx: TenantContext, target: TargetCandidate, response: PartnerResponse): boolean {
  if (response.status === 403) leniencyFor(ctx, target.partner.id).note('status_403_for_401');
  return response.status === 401 || response.status === 403;
}

async function sendOnce(
  ctx: TenantContext,
  target: TargetCandidate,
  hop: Hop & { routingHeaders: boolean },
  timeoutMs: number,
): Promise<PartnerResponse> {
  const { partner } = target;
  const credentials = partnerCredentials(ctx, partner);
  if (!credentials) {
    throw new ReceiverNotConnectedError(`receiver ${describeParty(hop.to)} has no credentials with the hub`);
  }
  const started = Date.now();
  const requestId = newRequestId();
  try {
    const sent = await sendPartnerRequest(ctx, {
      method: hop.method,
      url: hop.url,
      credentials,
      correlationId: hop.correlationId,
      ...(hop.routingHeaders ? { routing: { from: hop.from, to: hop.to } } : {}),
      ...(hop.bodyText !== undefined ? { bodyText: hop.bodyText } : {}),
      timeoutMs,
      requestId,
    });
    const { response } = sent;
    if (ctx.log.debugEnabled !== false)
      ctx.log.debug('forwarded', {
        module: hop.module,
        method: hop.method,
        url: safeUrlForLogs(hop.url),
        partner_id: partner.id,
        forward_request_id: requestId,
        http_status: response.status,
        ms: Date.now() - started,
      });
    return response;
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    const error = forwardErrorOf(err, `receiver ${describeParty(hop.to)}`);
    ctx.log.warn('forward failed', {
      module: hop.module,
      url: err.url,
      partner_id: partner.id,
      forward_request_id: requestId,
      error: err.message,
      status_code: error.statusCode,
    });
    throw error;
  }
}

/**
 * The hub's decrypted token for a partner record, decrypted once per record: routing targets are
 * cached records (target-cache.ts), so a forward does not decrypt on every request (issue #14). Held
 * only as long as the record itself is (a few seconds); a changed token comes in a new record.
 */
const credentialsByRecord = new WeakMap<Partner, PartnerCredentials | undefined>();

function partnerCredentials(ctx: TenantContext, partner: Partner): PartnerCredentials | undefined {
  if (credentialsByRecord.has(partner)) return credentialsByRecord.get(partner);
  const credentials = credentialsFor(ctx, partner);
  credentialsByRecord.set(partner, credentials);
  return credentials;
}

function targetUrl(endpoint: string, req: ForwardRequest): string {
  try {
    return withQuery(joinUrl(endpoint, ...req.pathSegments), req.query ?? {});
  } catch {
    // Endpoints are checked at registration; a stored one that no longer parses is the hub's problem.
    throw new HubError(`receiver ${describeParty(req.to)} advertised an unusable ${req.module} URL`);
  }
}

function pickImplementing(candidates: TargetCandidate[], req: ForwardRequest): TargetCandidate {
  const found = candidates.find((c) => endpointUrl(c.partner, req.module, req.targetInterface));
  if (found) return found;
  throw new UnknownReceiverError(
    `receiver ${describeParty(req.to)} does not implement the ${req.targetInterface} interface of ${req.module}`,
  );
}

function describeParty(p: PartyRef): string {
  return `${p.country_code}/${p.party_id}`;
}
