import type { Location } from '../../functions/ocpi/schemas/location';
import { createDataClient } from '../../functions/store/data-client';
import { createDynamoClient } from '../../functions/store/dynamo-client';
import { LocationRepository, locationKey } from '../../functions/store/location.repository';
import type { StoredObject } from '../../functions/store/stored-object.repository';
import { ensureTable } from '../../functions/store/table-admin';
import { TenantTable, type TransactOp } from '../../functions/store/tenant-table';
import type { PartyRef } from '../../test/partners';
import { sampleLocation } from './sample-location';

export interface SeedPlan {
  owner: PartyRef;
  count: number;
  /** last_updated of location i: `firstMs + i * stepMs` (so a date_from selects a known share). */
  firstMs: number;
  stepMs: number;
}

/**
 * A 100-item transaction on DynamoDB Local can take seconds on 2 busy cores: the hub's 2.5 s per attempt
 * ended a 100k seed halfway at a load average of 12.
 */
const SEED_REQUEST_TIMEOUT_MS = 30_000;

/** DynamoDB's limit of items per transaction. */
const PER_TRANSACTION = 100;

export const seededId = (i: number) => `S${String(i).padStart(6, '0')}`;

function recordOf(plan: SeedPlan, i: number, now: string): StoredObject<Location> {
  const id = seededId(i);
  const lastUpdatedMs = plan.firstMs + i * plan.stepMs;
  const object = sampleLocation(plan.owner, id, new Date(lastUpdatedMs).toISOString()) as unknown as Location;
  return {
    key: locationKey(plan.owner, id),
    owner: plan.owner,
    object,
    lastUpdatedMs,
    rev: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Creates the tenant table and fills it with `plan.count` locations, 100 per transaction, then sets
 * the X-Total-Count counter (DynamoDB Local runs ~450 locations/s that way on 2 busy cores, one at a
 * time; plain PutItems only ~170/s, and concurrent transactions slow it down).
 * Run it before the hub starts: its stream poller starts at the stream's end and so does not replay
 * the seed as broadcasts.
 */
export async function seedLocations(
  endpoint: string,
  tableName: string,
  plan: SeedPlan,
  opts: {
    concurrency?: number;
    /** Called every 2,000 locations; returning true ends the seed there (the count is returned). */
    onProgress?: (done: number, perSecond: number) => boolean | undefined;
  } = {},
): Promise<{ seeded: number; seconds: number }> {
  const client = createDynamoClient({ endpoint });
  try {
    await ensureTable(client, tableName);
    const table = new TenantTable(
      createDataClient({ endpoint, requestTimeoutMs: SEED_REQUEST_TIMEOUT_MS }),
      tableName,
    );
    const repo = new LocationRepository(table);
    const now = new Date().toISOString();
    const started = performance.now();
    let next = 0;
    let done = 0;
    let reported = 0;
    let stopped = false;
    const lane = async () => {
      while (!stopped && next < plan.count) {
        const first = next;
        const end = Math.min(plan.count, first + PER_TRANSACTION);
        next = end;
        const ops: TransactOp[] = [];
        for (let i = first; i < end; i++) {
          // One transaction per location runs at ~40/s on DynamoDB Local; batches of the repository's
          // own items keep 100k seedable, and verifySeed reads them back through the repository.
          const put = repo.itemOf(recordOf(plan, i, now), seededId(i));
          ops.push({ put, condition: { expression: 'attribute_not_exists(pk)' } });
        }
        await table.transact(ops);
        done += end - first;
        if (done - reported >= 2_000) {
          reported = done;
          if (opts.onProgress?.(done, done / ((performance.now() - started) / 1000))) stopped = true;
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 1 }, lane));
    // The counters X-Total-Count is read from (totals and time buckets), summed over the whole seed.
    const counters = repo.seedCounterOps(
      Array.from({ length: done }, (_, i) => ({
        key: locationKey(plan.owner, seededId(i)),
        lastUpdatedMs: plan.firstMs + i * plan.stepMs,
      })),
    );
    for (let i = 0; i < counters.length; i += PER_TRANSACTION)
      await table.transact(counters.slice(i, i + PER_TRANSACTION));
    return { seeded: done, seconds: (performance.now() - started) / 1000 };
  } finally {
    client.destroy();
  }
}

/** Reads the seed back through the repository: count, first and last objects. */
export async function verifySeed(endpoint: string, tableName: string, plan: SeedPlan): Promise<void> {
  const repo = new LocationRepository(
    new TenantTable(createDataClient({ endpoint, requestTimeoutMs: SEED_REQUEST_TIMEOUT_MS }), tableName),
  );
  const total = await repo.countAll();
  if (total !== plan.count) throw new Error(`seeded table counts ${total} locations, expected ${plan.count}`);
  for (const i of [0, plan.count - 1]) {
    const stored = await repo.get(locationKey(plan.owner, seededId(i)));
    if (stored?.object.id !== seededId(i) || (stored.object.evses?.length ?? 0) !== 3) {
      throw new Error(`seeded location ${seededId(i)} does not read back through LocationRepository`);
    }
  }
  const page = await repo.page({ range: {}, limit: 2 });
  if (page.objects[0]?.object.id !== seededId(0))
    throw new Error('seeded locations are not in last_updated order');
}
