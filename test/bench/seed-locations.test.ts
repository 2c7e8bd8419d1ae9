import { DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { type SeedPlan, seededId, seedLocations, verifySeed } from '../../bench/lib/seed-locations';
import type { Location } from '../../functions/ocpi/schemas/location';
import { LocationRepository, locationKey } from '../../functions/store/location.repository';
import { TenantTable } from '../../functions/store/tenant-table';
import { createTestTable, testDataClient, testDynamoClient, testDynamoEndpoint } from '../support/dynamo';

const OWNER = { country_code: 'NL', party_id: 'CP1' };
/** 37 minutes apart: partial hours, several hours and a day boundary in 60 locations. */
const PLAN: SeedPlan = { owner: OWNER, count: 60, firstMs: Date.UTC(2024, 0, 1, 20, 3), stepMs: 37 * 60_000 };

/** Every item of a table, ordered, without the write times (the seed and the pushes ran at other moments). */
async function itemsOf(tableName: string) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await testDynamoClient().send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey as never, ConsistentRead: true }),
    );
    for (const item of out.Items ?? []) {
      const { created_at: _c, updated_at: _u, ...rest } = unmarshall(item);
      items.push(rest);
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

describe('the pull benchmark seed', () => {
  // Two tables created and 120 locations written on a DynamoDB Local other test files keep busy.
  it('writes the items and counters that saving each location writes, and a table with its stream on', async () => {
    // Prepare: the same locations saved one by one, as a PUT does.
    const saved = await createTestTable('seed-saved');
    const repo = new LocationRepository(new TenantTable(testDataClient(), saved));
    const seeded = `seed-bulk-${saved.slice(-13)}`;
    const bulkRepo = new LocationRepository(new TenantTable(testDataClient(), seeded));

    // Act
    const outcome = await seedLocations(testDynamoEndpoint(), seeded, PLAN);
    for (let i = 0; i < PLAN.count; i++) {
      const bulk = await bulkRepo.get(locationKey(OWNER, seededId(i)));
      if (!bulk) throw new Error(`seeded location ${seededId(i)} is missing`);
      await repo.save(
        { ...bulk, object: bulk.object as Location },
        {
          lookupId: seededId(i),
          expected: undefined,
          extra: [],
        },
      );
    }

    // Assess
    expect(outcome.seeded).toBe(PLAN.count);
    await expect(verifySeed(testDynamoEndpoint(), seeded, PLAN)).resolves.toBeUndefined();
    const bulkItems = await itemsOf(seeded);
    expect(bulkItems.filter((i) => String(i.pk).startsWith('OBJCNT#')).length).toBeGreaterThan(8);
    expect(bulkItems).toEqual(await itemsOf(saved));
    const table = (await testDynamoClient().send(new DescribeTableCommand({ TableName: seeded }))).Table;
    expect(table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(await repo.countRange({ from: PLAN.firstMs + 30 * PLAN.stepMs + 1 })).toBe(29);
  }, 60_000);

  it('refuses to seed a table that exists', async () => {
    // Prepare
    const existing = await createTestTable('seed-existing');

    // Act
    const outcome = seedLocations(testDynamoEndpoint(), existing, PLAN);

    // Assess
    await expect(outcome).rejects.toThrow(/exists: a bulk load only fills a new table/);
  });
});
