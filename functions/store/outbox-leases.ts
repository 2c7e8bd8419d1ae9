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

  acquireFanOutLease(objectKey: string, owner: string, now: number, ms: number) {
    return this.acquire(fanOutKey(objectKey), owner, now, ms);
  }

  releaseFanOutLease(objectKey: string, owner: string) {
    return this.release(fanOutKey(objectKey), owner);
  }

  /** Moves the fan-out cursor past a message (the lease holder only). */
  async advanceFanOut(objectKey: string, owner: string, cursor: string): Promise<void> {
    try {
      await this.table.update(
        fanOutKey(objectKey),
        { cursor },
        { expression: 'lease_owner = :o', values: { ':o': owner } },
      );
    } catch (err) {
      if (err instanceof ConditionFailedError) throw new LeaseHeldError('fan-out lease lost');
      throw err;
    }
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
      return { cursor: typeof item['cursor'] === 'string' ? item['cursor'] : undefined };
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
