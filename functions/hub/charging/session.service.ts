import { parseOcpiDateTime } from '../../ocpi/datetime';
import { InvalidParametersError } from '../../ocpi/errors';
import { type PartyRef, partyKey, partyOfKey, refOf } from '../../ocpi/party';
import { type OutboxMessage, outboxPutOp, outboxSequence } from '../../store/outbox.repository';
import type { DatedPage, StoredSession } from '../../store/session.repository';
import type { PushOutcome } from '../objects/object-write';
import { pushAnswer } from '../routing/answers';
import { callerParty, type OcpiCall, receiverOf } from '../routing/ocpi-call';
import {
  assertMatchesUrl,
  assertOwnerFields,
  requireSameObject,
  requireUrlParty,
} from '../routing/push-rules';
import { readDatedPage } from './dated-pages';
import { tokenOwner } from './open-routing';
import { owedMessage, owedReceiver, type RoledParty } from './owed-message';
import { applySessionPatch } from './session-patch';

type Obj = Record<string, unknown>;
export type SessionUrl = PartyRef & { id: string };

/** Optimistic writes retried this often when another update of the same session interleaves. */
const MAX_WRITE_ATTEMPTS = 3;

/**
 * A CPO's Session PUT (sessions §9.2.2.2): stored at the hub (replacing charging_periods) and owed to
 * the eMSP of the cdr_token (OCPI-to headers or open routing): the session and its outbox message are
 * one write, the CPO is answered by the hub, and the delivery worker pushes it to the eMSP with
 * retries, in order per session (store and forward, issue #12 item 1).
 */
export async function putSession(call: OcpiCall, url: SessionUrl, session: Obj, bodyText: string) {
  const cpo = callerParty(call, ['CPO']);
  requireUrlParty(cpo, url);
  requireSameObject(session, url);
  const emsp = await receiverOf(call, () => cdrTokenOwner(call, session.cdr_token as Obj), 'session');
  const target = await owedReceiver(call.ctx, emsp, ['EMSP']);
  const owner = declaredOwner(session.cdr_token as Obj) ?? emsp;
  const outcome = await store(
    call,
    url,
    (existing) => ({ session, emsp_key: existing?.emsp_key ?? partyKey(owner) }),
    (lastUpdatedMs, rev) =>
      sessionMessage(call, { url, method: 'PUT', bodyText, cpo, target, lastUpdatedMs, rev }),
  );
  return pushAnswer(call, refOf(cpo), outcome);
}

/**
 * A CPO's Session PATCH (sessions §9.2.2.3): charging_periods appended to the stored session, and the
 * PATCH as received owed to the eMSP, after the session's earlier pushes.
 */
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
  const target = await owedReceiver(call.ctx, emsp, ['EMSP']);
  const message = (lastUpdatedMs: number, rev: number) =>
    sessionMessage(call, { url, method: 'PATCH', bodyText, cpo, target, lastUpdatedMs, rev });
  if (!existing) {
    // Nothing stored to merge into (a session from before the hub kept them): the PATCH is owed alone.
    const lastUpdated = parseOcpiDateTime(String(patch.last_updated)) ?? call.ctx.runtime.now();
    await call.ctx.store.outbox.putIfAbsent(message(lastUpdated, call.ctx.runtime.now()));
    return pushAnswer(call, refOf(cpo), 'updated');
  }
  const outcome = await store(
    call,
    url,
    (current) => ({
      session: applySessionPatch(current?.session ?? {}, patch),
      emsp_key: current?.emsp_key ?? partyKey(emsp),
    }),
    message,
  );
  return pushAnswer(call, refOf(cpo), outcome);
}

/** The eMSP's own sessions, for its pull from the hub's Sender interface (date_from is required). */
export async function listSessions(
  call: OcpiCall,
  page: { dateFrom?: number; dateTo?: number; offset: number; limit: number; cursor?: string },
): Promise<{ emsp: PartyRef; page: DatedPage<StoredSession> }> {
  const emsp = callerParty(call, ['EMSP']);
  if (page.dateFrom === undefined) throw new InvalidParametersError('is required for sessions', 'date_from');
  const result = await readDatedPage(call, 'sessions', page, (query) =>
    call.ctx.store.sessions.listForEmsp(partyKey(emsp), query),
  );
  return { emsp: refOf(emsp), page: result };
}

/**
 * Writes the next version with its outbox message unless the stored one is newer: an older
 * last_updated never overwrites a newer one (docs/architecture.md "Cross-cutting rules"); the hub
 * never changes last_updated itself.
 */
async function store(
  call: OcpiCall,
  url: SessionUrl,
  next: (existing: StoredSession | undefined) => { session: Obj; emsp_key: string },
  message: (lastUpdatedMs: number, rev: number) => OutboxMessage,
): Promise<PushOutcome> {
  const repo = call.ctx.store.sessions;
  const cpoKey = partyKey(url);
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const existing = await repo.get(cpoKey, url.id);
    const { session, emsp_key } = next(existing);
    const lastUpdated = parseOcpiDateTime(String(session.last_updated)) ?? 0;
    if (existing && existing.last_updated_ms > lastUpdated) return 'stale';
    const rev = (existing?.rev ?? 0) + 1;
    const saved = await repo.save(
      { session, cpo_key: cpoKey, emsp_key, last_updated_ms: lastUpdated },
      existing?.rev,
      [outboxPutOp(message(lastUpdated, rev))],
    );
    if (saved) return existing ? 'updated' : 'created';
  }
  throw new InvalidParametersError('the session changed concurrently; send the update again', 'last_updated');
}

/** The session push owed to the eMSP: to its Session Receiver, in order per session. */
function sessionMessage(
  call: OcpiCall,
  m: {
    url: SessionUrl;
    method: 'PUT' | 'PATCH';
    bodyText: string;
    cpo: PartyRef;
    target: RoledParty;
    lastUpdatedMs: number;
    rev: number;
  },
): OutboxMessage {
  return owedMessage(call.ctx, {
    module: 'sessions',
    method: m.method,
    pathSegments: [m.url.country_code, m.url.party_id, m.url.id],
    bodyText: m.bodyText,
    owner: { ...refOf(m.cpo), role: 'CPO' },
    target: m.target,
    objectKey: `sessions:${partyKey(m.url)}*${m.url.id.toUpperCase()}`,
    // The revision orders pushes with the same last_updated (a PATCH after its PUT).
    sequence: outboxSequence(m.lastUpdatedMs, m.rev),
    correlationId: call.correlationId,
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
