import { randomUUID } from 'node:crypto';
import type { PartyRoleName } from '../../domain/partner';
import { ClientError, ServerError } from '../../ocpi/errors';
import type { PartyRef } from '../../ocpi/party';
import { type OutboxMessage, outboxPutOp, outboxSequence } from '../../store/outbox.repository';
import { DocumentTooLargeError } from '../../store/stored-document';
import {
  type StoredObject,
  type StoredObjectRepository,
  type StoredState,
  UnexpectedStateError,
} from '../../store/stored-object.repository';
import type { TransactOp } from '../../store/tenant-table';
import { nowIso, type TenantContext } from '../hub-runtime';

/** What a push did: stored a new object, replaced or merged one, or was older than what is stored. */
export type PushOutcome = 'created' | 'updated' | 'stale';

/** The decision on the stored object: write this version, or ignore an older one. */
export type WriteDecision<T> = { stale: true } | { stale: false; object: T; lastUpdatedMs: number };

/**
 * How a push changes the stored object. `replace`: the new version is complete (a PUT of the whole
 * object) and only the stored last_updated matters, so no read is needed. `merge`: the new version is
 * made from the stored one (PATCH, a PUT of an EVSE or Connector), which is read first.
 */
export type ObjectChange<T> =
  | { replace: { object: T; lastUpdatedMs: number } }
  | { merge(current: StoredObject<T> | undefined): WriteDecision<T> };

/** The original request, fanned out unchanged to the opposite role by the delivery worker (ocpi-notes §3.2). */
export interface BroadcastOf {
  module: OutboxMessage['module'];
  method: OutboxMessage['method'];
  /** Below the receiver's endpoint; the owner's country_code/party_id stay in it (ocpi-notes §3.2). */
  pathSegments: string[];
  query?: Record<string, string>;
  bodyText?: string;
  owner: PartyRef & { role: PartyRoleName };
  correlationId: string;
}

/**
 * Decide-write attempts before a push that keeps losing races is answered 3000: enough for a burst
 * of status PATCHes of many EVSEs of one location, which all rewrite the same document.
 */
const MAX_ATTEMPTS = 10;
/** An outbox item carries the body; DynamoDB items hold 400 KB. */
const MAX_BROADCAST_BODY_BYTES = 350 * 1024;

/**
 * Stores a pushed object and its broadcast outbox item in one transaction (docs/architecture.md
 * "Cross-cutting rules"), conditional on the state the write expects, so concurrent pushes of one
 * object serialize and an older last_updated never overwrites a newer one. A replacing PUT expects
 * the state this process last saw (or no object) instead of reading it: one transaction when that
 * holds. A write that finds another state gets the stored item back from the failed transaction and
 * decides again, still without a read; a merge reads once before its first attempt.
 */
export function writeStoredObject<T>(
  ctx: TenantContext,
  repo: StoredObjectRepository<T>,
  args: WriteArgs<T>,
): Promise<PushOutcome> {
  return oneWriterAtATime(repo, args.key, () => decideAndWrite(ctx, repo, args));
}

interface WriteArgs<T> {
  key: string;
  lookupId: string;
  owner: PartyRef;
  change: ObjectChange<T>;
  broadcast: BroadcastOf;
  /**
   * Index entries the object keeps beside it (a token's contract id), written in the same transaction.
   * `current` is the stored object when this write read it (a PATCH, or a PUT whose guess was wrong).
   */
  indexOps?(object: T, current: StoredObject<T> | undefined): TransactOp[];
}

async function decideAndWrite<T>(
  ctx: TenantContext,
  repo: StoredObjectRepository<T>,
  args: WriteArgs<T>,
): Promise<PushOutcome> {
  assertBroadcastable(args.broadcast);
  const { change } = args;
  let current: StoredObject<T> | undefined;
  let expected: StoredState | undefined;
  if ('merge' in change) {
    current = await repo.get(args.key);
    expected = current;
  } else {
    expected = repo.recall(args.key);
    // A remembered newer version may have been deleted since: only the table can say it is stale.
    if (expected && expected.lastUpdatedMs > change.replace.lastUpdatedMs) {
      current = await repo.get(args.key);
      expected = current;
    }
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const decision: WriteDecision<T> =
      'merge' in change
        ? change.merge(current)
        : expected && expected.lastUpdatedMs > change.replace.lastUpdatedMs
          ? { stale: true }
          : { stale: false, ...change.replace };
    if (decision.stale) return 'stale';
    const now = nowIso(ctx.runtime);
    const rev = (expected?.rev ?? 0) + 1;
    const record: StoredObject<T> = {
      key: args.key,
      owner: { country_code: args.owner.country_code, party_id: args.owner.party_id },
      object: decision.object,
      lastUpdatedMs: decision.lastUpdatedMs,
      rev,
      createdAt: expected?.createdAt ?? now,
      updatedAt: now,
    };
    const outbox = outboxPutOp(outboxMessage(args.broadcast, args.key, decision.lastUpdatedMs, rev, now));
    try {
      await repo.save(record, {
        lookupId: args.lookupId,
        expected,
        extra: [outbox, ...(args.indexOps?.(decision.object, current) ?? [])],
      });
      return expected ? 'updated' : 'created';
    } catch (err) {
      if (err instanceof DocumentTooLargeError) throw new ClientError(err.message);
      if (!(err instanceof UnexpectedStateError)) throw err;
      current = err.stored as StoredObject<T> | undefined;
      expected = current;
      // A first miss is a wrong guess; repeated ones are a race with other writers, who spread out.
      if (attempt > 0) await backOff(attempt);
    }
  }
  throw new ServerError('the object changed concurrently too often; push it again');
}

/** Deletes a stored object with its broadcast outbox item; false when nothing was stored. */
export function deleteStoredObject<T>(
  ctx: TenantContext,
  repo: StoredObjectRepository<T>,
  args: { key: string; broadcast: BroadcastOf },
): Promise<boolean> {
  return oneWriterAtATime(repo, args.key, () => deleteIfStored(ctx, repo, args));
}

async function deleteIfStored<T>(
  ctx: TenantContext,
  repo: StoredObjectRepository<T>,
  args: { key: string; broadcast: BroadcastOf },
): Promise<boolean> {
  let current = await repo.get(args.key);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (!current) return false;
    const now = nowIso(ctx.runtime);
    // The deletion sorts after every change of the object (rev + 1 at the same last_updated).
    const msg = outboxMessage(args.broadcast, args.key, current.lastUpdatedMs, current.rev + 1, now);
    try {
      await repo.remove(current, [outboxPutOp(msg)]);
      return true;
    } catch (err) {
      if (!(err instanceof UnexpectedStateError)) throw err;
      current = err.stored as StoredObject<T> | undefined;
    }
  }
  throw new ServerError('the object changed concurrently too often; delete it again');
}

/** Per repository (one per tenant and module): the last queued write of each object key in this process. */
const writeQueues = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Writes of one object from this process run one after another. Racing writers of one document (a
 * stream of EVSE pushes beside a Location PATCH) would otherwise decide, collide and retry against each
 * other, and one unlucky writer could lose MAX_ATTEMPTS times in a row and be answered 3000 although
 * nothing was wrong with its request. Writers in other processes (other Lambda instances) still race;
 * the conditional write and the retry loop keep those correct.
 */
async function oneWriterAtATime<T, R>(
  repo: StoredObjectRepository<T>,
  key: string,
  write: () => Promise<R>,
): Promise<R> {
  let queues = writeQueues.get(repo);
  if (!queues) {
    queues = new Map();
    writeQueues.set(repo, queues);
  }
  const before = queues.get(key) ?? Promise.resolve();
  const mine = before.then(write, write);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  try {
    return await mine;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

function outboxMessage(
  b: BroadcastOf,
  key: string,
  lastUpdatedMs: number,
  rev: number,
  now: string,
): OutboxMessage {
  return {
    id: randomUUID(),
    kind: 'broadcast',
    module: b.module,
    method: b.method,
    pathSegments: b.pathSegments,
    ...(b.query ? { query: b.query } : {}),
    ...(b.bodyText !== undefined ? { bodyText: b.bodyText } : {}),
    owner: { country_code: b.owner.country_code, party_id: b.owner.party_id, role: b.owner.role },
    objectKey: `${b.module}:${key}`,
    sequence: outboxSequence(lastUpdatedMs, rev),
    correlationId: b.correlationId,
    createdAt: now,
  };
}

/** Losers of a race spread out, so a burst of writers does not collide again in lockstep. */
function backOff(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 ** attempt) + Math.floor(Math.random() * 10);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function assertBroadcastable(b: BroadcastOf): void {
  const bytes = b.bodyText === undefined ? 0 : Buffer.byteLength(b.bodyText);
  if (bytes > MAX_BROADCAST_BODY_BYTES) {
    throw new ClientError(
      `body of ${bytes} bytes is too large to broadcast (limit ${MAX_BROADCAST_BODY_BYTES}); push EVSEs separately`,
    );
  }
}
