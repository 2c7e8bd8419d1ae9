import type { Location } from '../../functions/ocpi/schemas/location';
import { createDataClient } from '../../functions/store/data-client';
import { createDynamoClient } from '../../functions/store/dynamo-client';
import { LocationRepository, locationKey } from '../../functions/store/location.repository';
import type { StoredObject } from '../../functions/store/stored-object.repository';
import { bulkLoadTable } from '../../functions/store/table-admin';
import { TenantTable } from '../../functions/store/tenant-table';
import type { PartyRef } from '../../test/partners';
import { sampleLocation } from './sample-location';

export interface SeedPlan {
  owner: PartyRef;
  count: number;
  /** last_updated of location i: `firstMs + i * stepMs` (so a date_from selects a known share). */
  firstMs: number;
  stepMs: number;
}

/** A batch or transaction on DynamoDB Local can take seconds on 2 busy cores (the hub allows 2.5 s). */
const SEED_REQUEST_TIMEOUT_MS = 30_000;

/** DynamoDB's limits: items per BatchWriteItem, per transaction. */
const PER_BATCH = 25;
const PER_TRANSACTION = 100;
/** Writers at once: DynamoDB Local serialises a table's writes, so 2 only hide the round trips. */
const LANES = 2;
const PROGRESS_EVERY = 10_000;

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
 * Runs `work(from, to)` over [0, count) in chunks of `size`, `lanes` at a time, until `stop()`; resolves
 * with the end of the chunks done (all of [0, end) once every lane has finished its chunk).
 */
async function inLanes(
  count: number,
  size: number,
  lanes: number,
  work: (from: number, to: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<number> {
  let next = 0;
  const lane = async () => {
    while (!stop() && next < count) {
      const from = next;
      next = Math.min(count, from + size);
      await work(from, next);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return next;
}

/**
 * Creates the tenant table and fills it with `plan.count` locations: exactly the items a PUT writes
 * (LocationRepository.itemOf), 25 per BatchWriteItem on two lanes, then the counters X-Total-Count is
 * read from, summed over the whole seed (LocationRepository.seedCounterOps). The table's stream is
 * turned on after the seed (bulkLoadTable): DynamoDB Local then takes ~1,000 locations/s instead of
 * 160-220, and the hub, started after it, does not replay the seed as broadcasts.
 */
export async function seedLocations(
  endpoint: string,
  tableName: string,
  plan: SeedPlan,
  opts: {
    /** Called every 10,000 locations; returning true ends the seed there (the count is returned). */
    onProgress?: (done: number, perSecond: number) => boolean | undefined;
  } = {},
): Promise<{ seeded: number; seconds: number }> {
  const client = createDynamoClient({ endpoint });
  const table = new TenantTable(
    createDataClient({ endpoint, requestTimeoutMs: SEED_REQUEST_TIMEOUT_MS }),
    tableName,
  );
  const repo = new LocationRepository(table);
  const now = new Date().toISOString();
  const started = performance.now();
  try {
    return await bulkLoadTable(client, tableName, async () => {
      // Items are written in order, so a seed ended early is still the first `done` locations.
      let written = 0;
      let stopped = false;
      let reported = 0;
      const done = await inLanes(
        plan.count,
        PER_BATCH,
        LANES,
        async (from, to) => {
          const items = [];
          for (let i = from; i < to; i++) items.push(repo.itemOf(recordOf(plan, i, now), seededId(i)));
          await table.batchPut(items);
          written = Math.max(written, to);
          if (written - reported >= PROGRESS_EVERY) {
            reported = written;
            const perSecond = written / ((performance.now() - started) / 1000);
            if (opts.onProgress?.(written, perSecond)) stopped = true;
          }
        },
        () => stopped,
      );
      const counters = repo.seedCounterOps(
        Array.from({ length: done }, (_, i) => ({
          key: locationKey(plan.owner, seededId(i)),
          lastUpdatedMs: plan.firstMs + i * plan.stepMs,
        })),
      );
      await inLanes(counters.length, PER_TRANSACTION, LANES, (from, to) =>
        table.transact(counters.slice(from, to)),
      );
      return { seeded: done, seconds: (performance.now() - started) / 1000 };
    });
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
  // The listing ends with the last location: no item beyond the counted ones.
  const lastMs = plan.firstMs + (plan.count - 1) * plan.stepMs;
  const tail = await repo.page({ range: { from: lastMs }, limit: 2 });
  if (tail.objects.length !== 1 || tail.objects[0]?.object.id !== seededId(plan.count - 1) || tail.hasMore)
    throw new Error(`the listing does not end with ${seededId(plan.count - 1)}`);
}
