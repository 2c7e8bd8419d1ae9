import { randomBytes, randomUUID } from 'node:crypto';
import { parseOcpiDateTime } from '../../ocpi/datetime';
import { InvalidParametersError, NotFoundError, ReceiverNotConnectedError } from '../../ocpi/errors';
import { type PartyRef, partyKey, partyOfKey, refOf } from '../../ocpi/party';
import type { StoredCdr } from '../../store/cdr.repository';
import { type OutboxMessage, outboxPutOp, outboxSequence } from '../../store/outbox.repository';
import type { DatedPage } from '../../store/session.repository';
import { nowIso } from '../hub-runtime';
import { hubAnswer, type StoredAnswer } from '../routing/answers';
import { callerParty, type OcpiCall, receiverOf } from '../routing/ocpi-call';
import { resolveTargetParty } from '../routing/party-resolution';
import { contentHash } from './content-hash';
import { readDatedPage } from './dated-pages';
import { IDEMPOTENCY_WINDOWS_MS, runIdempotent } from './idempotency';
import { cdrTokenOwner } from './session.service';

type Obj = Record<string, unknown>;

/**
 * A CPO's CDR POST (cdrs §10.2.2): stored at the hub once and for ever (CDRs are immutable), then
 * delivered to the eMSP of the cdr_token through the outbox (retries, ledger, replay). The CPO's answer
 * is 1000 with a hub Location as soon as the CDR is stored, whatever the eMSP does. A repeat of the
 * same CDR is acknowledged and not delivered again; a different CDR under an existing id is refused
 * (corrections are credit CDRs with a new id).
 */
export async function postCdr(call: OcpiCall, cdr: Obj, bodyText: string): Promise<StoredAnswer> {
  const cpo = callerParty(call, ['CPO']);
  // The CDR's owner fields are the sending CPO's, never another party's (issue #10).
  for (const field of ['country_code', 'party_id'] as const) {
    if (String(cdr[field] ?? '').toUpperCase() !== cpo[field].toUpperCase()) {
      throw new InvalidParametersError(
        `${String(cdr.country_code)}/${String(cdr.party_id)} is not the sending CPO ${cpo.country_code}/${cpo.party_id}`,
        field,
      );
    }
  }
  const emsp = await receiverOf(call, () => cdrTokenOwner(call, cdr.cdr_token as Obj), 'CDR');
  const hash = contentHash(cdr);
  return runIdempotent(
    call.ctx,
    {
      key: `cdrs|${call.caller.partner.id}|${partyKey(cpo)}|${String(cdr.id).toUpperCase()}`,
      bodyHash: hash,
      windowMs: IDEMPOTENCY_WINDOWS_MS.cdrs,
      conflictMessage: conflictMessage(cdr),
    },
    () => storeAndDeliver(call, { cdr, bodyText, hash, cpo: refOf(cpo), emsp }),
  );
}

async function storeAndDeliver(
  call: OcpiCall,
  args: { cdr: Obj; bodyText: string; hash: string; cpo: PartyRef; emsp: PartyRef },
): Promise<StoredAnswer> {
  const { ctx } = call;
  const { cdr, cpo, emsp } = args;
  // Nobody to deliver to (4001) fails before anything is stored; an offline eMSP (4003) does not.
  await resolveTargetParty(ctx, emsp, ['EMSP']).catch((err: unknown) => {
    if (!(err instanceof ReceiverNotConnectedError)) throw err;
  });
  const repo = ctx.store.cdrs;
  const token = cdr.cdr_token as Obj;
  const owner =
    typeof token.country_code === 'string' && typeof token.party_id === 'string' ? (token as PartyRef) : emsp;
  const record: StoredCdr = {
    cdr,
    cpo_key: partyKey(cpo),
    emsp_key: partyKey(owner),
    content_hash: args.hash,
    locator: randomBytes(18).toString('base64url'),
    created_at: nowIso(ctx.runtime),
    last_updated_ms: parseOcpiDateTime(String(cdr.last_updated)) ?? ctx.runtime.now(),
    delivery: 'QUEUED',
  };
  // The CDR and the message that delivers it are one write: once stored, the hub owes the eMSP the
  // CDR (retried until delivered or dead-lettered) and the CPO is told so (issue #12 items 1-2).
  const created = await repo.create(record, [outboxPutOp(cdrMessage(call, args, record))]);
  const now = ctx.runtime.now();
  if (!created.created) {
    if (created.existing.content_hash !== args.hash)
      throw new InvalidParametersError(conflictMessage(cdr), 'id');
    return hubAnswer({
      httpStatus: 200,
      requester: cpo,
      receiver: emsp,
      now,
      message: 'this CDR was already received; the hub delivers it to the eMSP once',
      headers: { Location: ctx.urls.cdrLocation(created.existing.locator) },
    });
  }
  return hubAnswer({
    httpStatus: 201,
    requester: cpo,
    receiver: emsp,
    now,
    message: 'stored at the hub; the hub delivers it to the eMSP (it can also pull it from the hub)',
    // The hub URL where the CDR can be read back replaces the eMSP's Location (ocpi-notes §3.6).
    headers: { Location: ctx.urls.cdrLocation(record.locator) },
  });
}

/** The CDR POST the hub owes the eMSP: to its CDR Receiver, FROM the CPO (ocpi-notes §3.2). */
function cdrMessage(
  call: OcpiCall,
  args: { bodyText: string; cpo: PartyRef; emsp: PartyRef; cdr: Obj },
  record: StoredCdr,
): OutboxMessage {
  return {
    id: randomUUID(),
    kind: 'direct',
    module: 'cdrs',
    method: 'POST',
    pathSegments: [],
    bodyText: args.bodyText,
    owner: { ...args.cpo, role: 'CPO' },
    target: { country_code: args.emsp.country_code, party_id: args.emsp.party_id, role: 'EMSP' },
    objectKey: `cdrs:${record.cpo_key}*${String(args.cdr.id).toUpperCase()}`,
    sequence: outboxSequence(record.last_updated_ms),
    correlationId: call.correlationId,
    createdAt: record.created_at,
  };
}

/** GET on a hub CDR Location: the CDR as stored, for its eMSP or the CPO that sent it only. */
export async function readCdr(call: OcpiCall, locator: string): Promise<StoredAnswer> {
  const stored = await call.ctx.store.cdrs.findByLocator(locator);
  const reader = stored && readerOf(call, stored);
  if (!stored || !reader) {
    if (stored) call.ctx.log.security('cdr_read_by_wrong_party', { partner_id: call.caller.partner.id });
    throw new NotFoundError('unknown CDR');
  }
  // The Location stands for the CDR where its counterpart holds it: the eMSP's copy for the CPO that
  // sent it (the Location replaced the eMSP's own), the CPO's for the eMSP (ocpi-notes §3.6).
  return hubAnswer({
    httpStatus: 200,
    data: stored.cdr,
    requester: reader.party,
    receiver: partyOfKey(reader.role === 'CPO' ? stored.emsp_key : stored.cpo_key),
    now: call.ctx.runtime.now(),
  });
}

/** The eMSP's own CDRs from the hub's CDR Sender interface (cdrs §10.2.1). */
export async function listCdrs(
  call: OcpiCall,
  page: { dateFrom?: number; dateTo?: number; offset: number; limit: number; cursor?: string },
): Promise<{ emsp: PartyRef; page: DatedPage<StoredCdr> }> {
  const emsp = callerParty(call, ['EMSP']);
  const result = await readDatedPage(call, 'cdrs', page, (query) =>
    call.ctx.store.cdrs.listForEmsp(partyKey(emsp), query),
  );
  return { emsp: refOf(emsp), page: result };
}

function readerOf(call: OcpiCall, stored: StoredCdr): { party: PartyRef; role: 'CPO' | 'EMSP' } | undefined {
  const allowed = [
    { role: 'EMSP', key: stored.emsp_key },
    { role: 'CPO', key: stored.cpo_key },
  ] as const;
  const from = call.routing.from;
  for (const r of call.caller.partner.roles) {
    const match = allowed.find(
      (a) => a.role === r.role && a.key === partyKey(r) && (!from || partyKey(from) === a.key),
    );
    if (match) return { party: refOf(r), role: match.role };
  }
  return undefined;
}

function conflictMessage(cdr: Obj): string {
  return `a different CDR with id '${String(cdr.id)}' was already received; CDRs are immutable, send a credit CDR with a new id to correct it`;
}
