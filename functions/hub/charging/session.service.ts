import { parseOcpiDateTime } from '../../ocpi/datetime';
import { InvalidParametersError } from '../../ocpi/errors';
import { type PartyRef, partyKey, partyOfKey, refOf } from '../../ocpi/party';
import type { DatedPage, StoredSession } from '../../store/session.repository';
import { hubAnswer, relayedAnswer, type StoredAnswer } from '../routing/answers';
import { forwardToParty } from '../routing/forwarder';
import { callerParty, type OcpiCall, receiverOf } from '../routing/ocpi-call';
import {
  assertMatchesUrl,
  assertOwnerFields,
  requireSameObject,
  requireUrlParty,
} from '../routing/push-rules';
import { readDatedPage } from './dated-pages';
import { deliverStored } from './delivery-outcome';
import { tokenOwner } from './open-routing';
import { applySessionPatch } from './session-patch';

type Obj = Record<string, unknown>;
export type SessionUrl = PartyRef & { id: string };

/** Optimistic writes retried this often when another update of the same session interleaves. */
const MAX_WRITE_ATTEMPTS = 3;

/**
 * A CPO's Session PUT (sessions §9.2.2.2): stored at the hub (replacing charging_periods) and forwarded
 * to the eMSP of the cdr_token, by OCPI-to headers or open routing.
 */
export async function putSession(call: OcpiCall, url: SessionUrl, session: Obj, bodyText: string) {
  const cpo = callerParty(call, ['CPO']);
  requireUrlParty(cpo, url);
  requireSameObject(session, url);
  const emsp = await receiverOf(call, () => cdrTokenOwner(call, session.cdr_token as Obj), 'session');
  const owner = declaredOwner(session.cdr_token as Obj) ?? emsp;
  const stored = await store(call, url, (existing) => ({
    session,
    emsp_key: existing?.emsp_key ?? partyKey(owner),
  }));
  return forward(call, 'PUT', url, bodyText, refOf(cpo), emsp, stored);
}

/** A CPO's Session PATCH (sessions §9.2.2.3): charging_periods appended to the stored session. */
export async function patchSession(call: OcpiCall, url: SessionUrl, patch: Obj, bodyText: string) {
  const cpo = callerParty(call, ['CPO']);
  requireUrlParty(cpo, url);
  // Owner fields and id are immutable: a PATCH may leave them out, never change them (issue #10).
  assertMatchesUrl(patch, 'id', url.id, false);
  assertOwnerFields(patch, url, false);
  const repo = call.ctx.store.sessions;
  const existing = await repo.get(partyKey(cpo), url.id);
  const emsp = await receiverOf(
    call,
    async () => (existing ? partyOfKey(existing.emsp_key) : cdrTokenOwner(call, patch.cdr_token as Obj)),
    'session',
  );
  // Without a stored session there is nothing to merge into: the PATCH is only forwarded.
  const stored = existing
    ? await store(call, url, (current) => ({
        session: applySessionPatch(current?.session ?? {}, patch),
        emsp_key: current?.emsp_key ?? partyKey(emsp),
      }))
    : 'not-stored';
  return forward(
    call,
    'PATCH',
    url,
    bodyText,
    refOf(cpo),
    emsp,
    stored === 'not-stored' ? 'forward-only' : stored,
  );
}

/** The eMSP's own sessions, for its pull from the hub's Sender interface (date_from is required). */
export async function listSessions(
  call: OcpiCall,
  page: { dateFrom?: number; dateTo?: number; offset: number; limit: number; cursor?: string },
): Promise<{ emsp: PartyRef; page: DatedPage<StoredSession> }> {
  const emsp = callerParty(call, ['EMSP']);
  if (page.dateFrom === undefined) throw new InvalidParametersError('is required for sessions', 'date_from');
  const result = await readDatedPage(() => call.ctx.store.sessions.listForEmsp(partyKey(emsp), page));
  return { emsp: refOf(emsp), page: result };
}

type StoreOutcome = 'stored' | 'stale' | 'forward-only';

/**
 * Writes the next version unless the stored one is newer: an older last_updated never overwrites a
 * newer one (docs/architecture.md "Cross-cutting rules"); the hub never changes last_updated itself.
 */
async function store(
  call: OcpiCall,
  url: SessionUrl,
  next: (existing: StoredSession | undefined) => { session: Obj; emsp_key: string },
): Promise<StoreOutcome> {
  const repo = call.ctx.store.sessions;
  const cpoKey = partyKey(url);
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const existing = await repo.get(cpoKey, url.id);
    const { session, emsp_key } = next(existing);
    const lastUpdated = parseOcpiDateTime(String(session.last_updated)) ?? 0;
    if (existing && existing.last_updated_ms > lastUpdated) return 'stale';
    const saved = await repo.save(
      { session, cpo_key: cpoKey, emsp_key, last_updated_ms: lastUpdated },
      existing?.rev,
    );
    if (saved) return 'stored';
  }
  throw new InvalidParametersError('the session changed concurrently; send the update again', 'last_updated');
}

async function forward(
  call: OcpiCall,
  method: 'PUT' | 'PATCH',
  url: SessionUrl,
  bodyText: string,
  cpo: PartyRef,
  emsp: PartyRef,
  stored: StoreOutcome,
): Promise<StoredAnswer> {
  const now = call.ctx.runtime.now();
  if (stored === 'stale') {
    return hubAnswer({
      httpStatus: 200,
      requester: cpo,
      receiver: emsp,
      now,
      message: 'older than the stored session; ignored',
    });
  }
  const send = () =>
    forwardToParty(call.ctx, {
      module: 'sessions',
      targetInterface: 'RECEIVER',
      method,
      pathSegments: [url.country_code, url.party_id, url.id],
      bodyText,
      from: cpo,
      to: emsp,
      targetRoles: ['EMSP'],
      correlationId: call.correlationId,
      callerPartnerId: call.caller.partner.id,
    });
  if (stored === 'forward-only') return relayedAnswer(await send());
  const outcome = await deliverStored(send);
  if (outcome.reached) return relayedAnswer(outcome.result);
  call.ctx.log.info('session kept for the eMSP to pull', { reason: outcome.reason });
  return hubAnswer({
    httpStatus: 200,
    requester: cpo,
    receiver: emsp,
    now,
    message: 'stored at the hub; the eMSP was not reachable and can pull it from the hub',
  });
}

function declaredOwner(token: Obj | undefined): PartyRef | undefined {
  if (!token || typeof token.country_code !== 'string' || typeof token.party_id !== 'string')
    return undefined;
  return { country_code: token.country_code, party_id: token.party_id };
}

/** cdr_token's eMSP (2.2.1-d2 fields), or the owner of the stored token for older partners. */
export async function cdrTokenOwner(call: OcpiCall, token: Obj | undefined): Promise<PartyRef | undefined> {
  if (!token) return undefined;
  return declaredOwner(token) ?? tokenOwner(call.ctx, String(token.uid), String(token.type));
}
