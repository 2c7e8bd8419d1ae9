import { outboxPartition } from './outbox.repository';
import { ConditionFailedError } from './store-errors';
import type { TenantTable } from './tenant-table';

/** A lease that someone else holds; the holder will deal with the work. */
export class LeaseHeldError extends Error {}

/** Lane state (cursor + lease) of one receiver of one object, in the object's outbox partition. */
export const laneLeaseKey = (objectKey: string, receiverKey: string) => ({
  pk: outboxPartition(objectKey),
  sk: `LEASE#${receiverKey}`,
});
const fanOutKey = (objectKey: string) => ({ pk: outboxPartition(objectKey), sk: 'FANOUT' });

/**
 * The fan-out state of one object: how far its messages are handled (`cursor`) and which receivers
 * are blocked (their lane holds pending deliveries, so new messages queue behind them instead of
 * being sent at once). A blocked receiver's number grows with every delivery queued behind it, so
 * unblocking can be made conditional on nothing having been queued meanwhile.
 */
export interface FanOutState {
  cursor?: string;
  blocked: Record<string, number>;
}

function stateOf(item: Record<string, unknown>): FanOutState {
  const blocked = item['blocked'];
  return {
    cursor: typeof item['cursor'] === 'string' ? item['cursor'] : undefined,
    blocked: blocked && typeof blocked === 'object' ? { ...(blocked as Record<string, number>) } : {},
  };
}

/**
 * Leases that let one worker at a time fan out an object or deliver a lane, with the cursor of what
 * is done. A lease expires, so a crashed worker's work is picked up after `ms`.
 */
export class OutboxLeases {
  constructor(private readonly table: TenantTable) {}

  /** Takes (or renews) the lease of a lane; returns its cursor. Throws LeaseHeldError when taken. */
  acquireLaneLease(objectKey: string, receiverKey: string, owner: string, now: number, ms: number) {
    return this.acquire(laneLeaseKey(objectKey, receiverKey), owner, now, ms);
  }

  releaseLaneLease(objectKey: string, receiverKey: string, owner: string) {
    return this.release(laneLeaseKey(objectKey, receiverKey), owner);
  }

  async acquireFanOutLease(objectKey: string, owner: string, now: number, ms: number): Promise<FanOutState> {
    return stateOf((await this.acquire(fanOutKey(objectKey), owner, now, ms)).item);
  }

  /**
   * Keeps a long fan-out's lease (and saves how far it got), so no other worker takes the object over
   * and sends its messages again. Throws LeaseHeldError when the lease was lost meanwhile.
   */
  async renewFanOut(objectKey: string, owner: string, state: FanOutState, now: number, ms: number) {
    try {
      await this.table.update(
        fanOutKey(objectKey),
        { cursor: state.cursor, blocked: state.blocked, lease_until: now + ms },
        { expression: 'lease_owner = :o', values: { ':o': owner } },
      );
    } catch (err) {
      if (err instanceof ConditionFailedError) throw new LeaseHeldError('fan-out lease lost');
      throw err;
    }
  }

  /** Stores how far the fan-out got and who is blocked, and releases the lease, in one write. */
  async finishFanOut(objectKey: string, owner: string, state: FanOutState): Promise<void> {
    try {
      await this.table.update(
        fanOutKey(objectKey),
        {
          cursor: state.cursor,
          blocked: state.blocked,
          lease_owner: undefined,
          lease_until: undefined,
        },
        { expression: 'lease_owner = :o', values: { ':o': owner } },
      );
    } catch (err) {
      if (err instanceof ConditionFailedError) throw new LeaseHeldError('fan-out lease lost');
      throw err;
    }
  }

  releaseFanOutLease(objectKey: string, owner: string) {
    return this.release(fanOutKey(objectKey), owner);
  }

  private async acquire(key: { pk: string; sk: string }, owner: string, now: number, ms: number) {
    try {
      const item = await this.table.update(
        key,
        { lease_owner: owner, lease_until: now + ms },
        {
          expression: 'attribute_not_exists(lease_until) OR lease_until < :now OR lease_owner = :o',
          values: { ':now': now, ':o': owner },
        },
      );
      return { cursor: typeof item['cursor'] === 'string' ? item['cursor'] : undefined, item };
    } catch (err) {
      if (err instanceof ConditionFailedError) throw new LeaseHeldError('lease held');
      throw err;
    }
  }

  private async release(key: { pk: string; sk: string }, owner: string): Promise<void> {
    try {
      await this.table.update(
        key,
        { lease_owner: undefined, lease_until: undefined },
        { expression: 'lease_owner = :o', values: { ':o': owner } },
      );
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
    }
  }
}
