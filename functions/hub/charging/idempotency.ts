import { ClientError, InvalidParametersError } from '../../ocpi/errors';
import type { IdempotencyRepository, StoredAnswer } from '../../store/idempotency.repository';
import type { TenantContext } from '../hub-runtime';

/** Replay windows (issue #5 item 7): a CPO re-sends a CDR for a day; a command retry is quick. */
export const IDEMPOTENCY_WINDOWS_MS = {
  cdrs: 24 * 3600_000,
  commands: 5 * 60_000,
  chargingprofiles: 5 * 60_000,
} as const;

/**
 * The longest a request holding a claim can run: API Gateway gives up after 29 s and the outbound
 * timeout is capped at 25 s (functions/config.ts). A claim older than this belongs to a request that
 * died (a crash, `kill -9`), and a retry runs the request again instead of waiting for ever.
 */
export const IN_PROGRESS_CLAIM_MS = 60_000;

/** How long a repeat waits for the first request, still running, to produce its answer. */
const IN_PROGRESS_WAIT_MS = 3_000;
const IN_PROGRESS_POLL_MS = 50;

export interface IdempotentRequest {
  /** Natural key of the request, including the caller (e.g. `cdrs|<partner>|NL*CPO*CDR1`). */
  key: string;
  /** Hash of what the request asks: the same key with another body is a conflict, not a replay. */
  bodyHash: string;
  windowMs: number;
  /** What a different request under the same key is told (2001). */
  conflictMessage?: string;
}

/**
 * The result of an action whose repeats within the window must have one side effect at the receiver
 * and get the same answer (issue #5 item 7). The first request claims the key with a conditional write,
 * runs `produce` and stores its answer; repeats get that stored answer. When `produce` throws (a 4xxx:
 * the receiver never got it), the claim is released so a retry really retries.
 */
export async function runIdempotent(
  ctx: TenantContext,
  req: IdempotentRequest,
  produce: () => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  const repo = ctx.store.idempotency;
  const claim = await repo.claim(req.key, req.bodyHash, {
    windowMs: req.windowMs,
    claimMs: IN_PROGRESS_CLAIM_MS,
    nowMs: ctx.runtime.now(),
  });
  if (!claim.claimed) return replay(ctx, repo, req, claim.record.body_hash);
  ctx.log.debug('idempotency key claimed', { idempotency_key: req.key });
  let answer: StoredAnswer;
  try {
    answer = await produce();
  } catch (err) {
    await repo.release(req.key).catch((error: unknown) => {
      ctx.log.warn('could not release an idempotency key', { error });
    });
    throw err;
  }
  await repo.complete(req.key, answer);
  return answer;
}

async function replay(
  ctx: TenantContext,
  repo: IdempotencyRepository,
  req: IdempotentRequest,
  storedHash: string,
): Promise<StoredAnswer> {
  if (storedHash !== req.bodyHash) {
    throw new InvalidParametersError(
      req.conflictMessage ??
        'a different request with the same identity was received within the replay window',
      'body',
    );
  }
  const deadline = Date.now() + IN_PROGRESS_WAIT_MS;
  for (;;) {
    const record = await repo.get(req.key);
    if (record?.state === 'DONE' && record.answer) {
      ctx.log.info('replayed a stored answer', { idempotency_key: req.key });
      return record.answer;
    }
    if (!record || Date.now() > deadline) {
      throw new ClientError('an identical request is still being processed; retry later');
    }
    await new Promise((resolve) => setTimeout(resolve, IN_PROGRESS_POLL_MS));
  }
}
