import { ConditionFailedError } from './store-errors';
import type { TenantTable } from './tenant-table';

/** The answer given the first time, replayed verbatim to every repeat of the same request. */
export interface StoredAnswer {
  httpStatus: number;
  headers: Record<string, string>;
  bodyText: string;
}

export interface IdempotencyRecord {
  key: string;
  body_hash: string;
  state: 'IN_PROGRESS' | 'DONE';
  answer?: StoredAnswer;
  /** Epoch ms after which the record no longer counts (DynamoDB TTL deletes lazily). */
  expires_at: number;
  /**
   * Epoch ms after which an IN_PROGRESS claim no longer counts: the request that made it ran out of
   * time or its process died (`kill -9`), and a retry may run the request again.
   */
  claim_expires_at?: number;
}

export type ClaimOutcome = { claimed: true } | { claimed: false; record: IdempotencyRecord };

const keyOf = (key: string) => ({ pk: `IDEM#${key}`, sk: 'IDEM' });

/**
 * First answers to replayable requests (CDR POSTs, commands, charging-profile requests), keyed by the
 * natural key of the request and its caller. A claim is a conditional put, so of two concurrent
 * identical requests exactly one performs the side effect.
 */
export class IdempotencyRepository {
  constructor(private readonly table: TenantTable) {}

  /**
   * Claims `key` for `claimMs` (the longest the request can run); once answered (`complete`) the
   * answer is kept for `windowMs`.
   */
  async claim(
    key: string,
    bodyHash: string,
    times: { windowMs: number; claimMs: number; nowMs: number },
  ): Promise<ClaimOutcome> {
    const { nowMs } = times;
    const expiresAt = nowMs + times.windowMs;
    try {
      await this.table.put(
        {
          ...keyOf(key),
          key,
          body_hash: bodyHash,
          state: 'IN_PROGRESS',
          expires_at: expiresAt,
          claim_expires_at: nowMs + times.claimMs,
          ttl: Math.ceil(expiresAt / 1000),
        },
        {
          // An expired record may still be there until TTL removes it: it no longer counts; nor
          // does a claim whose request died before answering.
          expression:
            'attribute_not_exists(pk) OR expires_at < :now OR (#state = :claimed AND claim_expires_at < :now)',
          names: { '#state': 'state' },
          values: { ':now': nowMs, ':claimed': 'IN_PROGRESS' },
        },
      );
      return { claimed: true };
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
      const record = await this.get(key);
      if (!record) return this.claim(key, bodyHash, times);
      return { claimed: false, record };
    }
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    const item = await this.table.get<IdempotencyRecord & { pk: string }>(keyOf(key));
    if (!item) return undefined;
    const { key: k, body_hash, state, answer, expires_at, claim_expires_at } = item;
    return { key: k, body_hash, state, answer, expires_at, claim_expires_at };
  }

  async complete(key: string, answer: StoredAnswer): Promise<void> {
    await this.table.update(keyOf(key), { state: 'DONE', answer });
  }

  /** Gives the key back when no answer should be remembered (e.g. the receiver was unreachable). */
  async release(key: string): Promise<void> {
    await this.table.delete(keyOf(key));
  }
}
