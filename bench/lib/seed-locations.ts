import type { Location } from '../../functions/ocpi/schemas/location';
import { createDynamoClient } from '../../functions/store/dynamo-client';
import { LocationRepository, locationKey } from '../../functions/store/location.repository';
import { encodeDocument } from '../../functions/store/stored-document';
import { pageSortKey, type StoredObject } from '../../functions/store/stored-object.repository';
import { type CountedTransactOp, transactWithCounters } from '../../functions/store/stored-object-transact';
import { ensureTable } from '../../functions/store/table-admin';
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

/** DynamoDB's limit per transaction: 99 locations and their counter increment. */
const PER_TRANSACTION = 99;

export const seededId = (i: number) => `S${String(i).padStart(6, '0')}`;

/**
 * The item StoredObjectRepository.save writes (stored-object.repository.ts, private `toItem`), built
 * here because one transaction per location runs at ~40/s on DynamoDB Local: 100k would take most of
 * an hour. `verifySeed` reads the seed back through the repository, so a layout change fails loudly.
 */
function itemOf(record: StoredObject<Location>, id: string) {
  return {
    pk: `OBJ#locations#${record.key}`,
    sk: 'OBJ',
    gsi1pk: 'OBJS#locations',
    gsi1sk: pageSortKey(record),
    gsi2pk: `OBJID#locations#${id.toUpperCase()}`,
    gsi2sk: record.key,
    key: record.key,
    owner_cc: record.owner.country_code,
    owner_pid: record.owner.party_id,
    lu: record.lastUpdatedMs,
    rev: record.rev,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    ...encodeDocument(record.object),
  };
}

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
 * Creates the tenant table and fills it with `plan.count` locations, 99 per transaction with their
 * X-Total-Count counter increment (DynamoDB Local runs ~300 locations/s that way on 2 busy cores,
 * plain PutItems only ~170/s). Run it before the hub starts: its stream poller starts at the stream's
 * end and so does not replay the seed as broadcasts.
 */
export async function seedLocations(
  endpoint: string,
  tableName: string,
  plan: SeedPlan,
  opts: { concurrency?: number; onProgress?: (done: number, perSecond: number) => void } = {},
): Promise<{ seeded: number; seconds: number }> {
  const client = createDynamoClient({ endpoint });
  try {
    await ensureTable(client, tableName);
    const table = new TenantTable(client, tableName);
    const now = new Date().toISOString();
    const started = performance.now();
    let next = 0;
    let done = 0;
    let reported = 0;
    const lane = async (shard: number) => {
      while (next < plan.count) {
        const first = next;
        const end = Math.min(plan.count, first + PER_TRANSACTION);
        next = end;
        const ops: CountedTransactOp[] = [];
        for (let i = first; i < end; i++) {
          const put = itemOf(recordOf(plan, i, now), seededId(i));
          ops.push({ put, condition: { expression: 'attribute_not_exists(pk)' } });
        }
        // One counter shard per lane: transactions touching the same item conflict.
        ops.push({
          add: { pk: 'OBJCOUNT#locations', sk: `SHARD#${shard}` },
          attribute: 'n',
          delta: end - first,
        });
        await transactWithCounters(table, ops);
        done += end - first;
        if (done - reported >= 10_000) {
          reported = done;
          opts.onProgress?.(done, done / ((performance.now() - started) / 1000));
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 2 }, (_, shard) => lane(shard)));
    return { seeded: done, seconds: (performance.now() - started) / 1000 };
  } finally {
    client.destroy();
  }
}

/** Reads the seed back through the repository: count, first and last objects. */
export async function verifySeed(endpoint: string, tableName: string, plan: SeedPlan): Promise<void> {
  const client = createDynamoClient({ endpoint });
  try {
    const repo = new LocationRepository(new TenantTable(client, tableName));
    const total = await repo.countAll();
    if (total !== plan.count)
      throw new Error(`seeded table counts ${total} locations, expected ${plan.count}`);
    for (const i of [0, plan.count - 1]) {
      const stored = await repo.get(locationKey(plan.owner, seededId(i)));
      if (stored?.object.id !== seededId(i) || (stored.object.evses?.length ?? 0) !== 3) {
        throw new Error(`seeded location ${seededId(i)} does not read back through LocationRepository`);
      }
    }
    const page = await repo.page({ range: {}, limit: 2 });
    if (page.objects[0]?.object.id !== seededId(0))
      throw new Error('seeded locations are not in last_updated order');
  } finally {
    client.destroy();
  }
}
