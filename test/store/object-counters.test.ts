import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTING_SHARDS, listingPartition } from '../../functions/store/object-listing';
import type { DateBounds, StoredObject } from '../../functions/store/stored-object.repository';
import { deleteTable } from '../../functions/store/table-admin';
import { TenantTable } from '../../functions/store/tenant-table';
import { TokenRepository } from '../../functions/store/token.repository';
import { createTestTable, testDataClient, testDynamoClient } from '../support/dynamo';

const T0 = Date.UTC(2024, 0, 1, 22, 0, 0);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const OWNER = { country_code: 'NL', party_id: 'EM1' };

/** Objects kept in memory alongside the table: the brute-force answer every count is checked against. */
const expected = new Map<string, number>();

describe('counting stored objects by last_updated', () => {
  let tableName: string;
  let repo: TokenRepository;

  async function write(key: string, lastUpdatedMs: number) {
    const before = await repo.get(key);
    const now = new Date().toISOString();
    const record: StoredObject = {
      key,
      owner: OWNER,
      object: { uid: key, last_updated: new Date(lastUpdatedMs).toISOString() },
      lastUpdatedMs,
      rev: (before?.rev ?? 0) + 1,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await repo.save(record as never, { lookupId: key, expected: before, extra: [] });
    expected.set(key, lastUpdatedMs);
  }

  async function remove(key: string) {
    const current = await repo.get(key);
    if (current) await repo.remove(current, []);
    expected.delete(key);
  }

  const bruteForce = (range: DateBounds) =>
    [...expected.values()].filter(
      (ms) => (range.from === undefined || ms >= range.from) && (range.to === undefined || ms < range.to),
    ).length;

  beforeAll(async () => {
    tableName = await createTestTable('counters');
    repo = new TokenRepository(new TenantTable(testDataClient(), tableName));
    // Objects every 37 s from 22:00 to past midnight: partial minutes, hours and a day boundary.
    for (let i = 0; i < 260; i++) await write(`K${i}`, T0 + i * 37 * SECOND);
    // Updates that stay in their minute, their hour, their day, or move to the next day.
    await write('K0', T0 + 20 * SECOND);
    await write('K1', T0 + 5 * MINUTE);
    await write('K2', T0 + 90 * MINUTE);
    await write('K3', T0 + 5 * HOUR);
    for (const key of ['K10', 'K11', 'K200']) await remove(key);
  }, 180_000);
  afterAll(async () => {
    await deleteTable(testDynamoClient(), tableName);
  });

  it('counts every range exactly, on whole and partial minutes, hours and days', async () => {
    // Prepare
    const bounds = [
      T0,
      T0 + 13 * SECOND,
      T0 + MINUTE,
      T0 + 17 * MINUTE + 29 * SECOND,
      T0 + HOUR,
      T0 + HOUR + 59 * MINUTE + 59 * SECOND,
      T0 + 2 * HOUR,
      T0 + 2 * HOUR + 30 * SECOND,
      T0 + 5 * HOUR + 1,
      T0 + 30 * HOUR,
    ];
    const ranges: DateBounds[] = [{}];
    for (const from of bounds) {
      ranges.push({ from }, { to: from });
      for (const to of bounds) if (to > from) ranges.push({ from, to });
    }
    // Act
    const counted: number[] = [];
    for (const range of ranges) counted.push(await repo.countRange(range));
    // Assess
    expect(counted).toEqual(ranges.map(bruteForce));
    expect(await repo.countAll()).toBe(expected.size);
  }, 120_000);

  it('spreads the objects and their counters over every shard', async () => {
    // Act
    const perShard = await Promise.all(
      Array.from({ length: LISTING_SHARDS }, async (_, shard) => {
        const table = new TenantTable(testDataClient(), tableName);
        const listed = await table.query({
          index: 'gsi1',
          partition: listingPartition('tokens', shard),
          countOnly: true,
        });
        return listed.count;
      }),
    );
    // Assess: every shard holds a share of the objects (a hash spread, so not exactly even)
    expect(perShard.reduce((a, b) => a + b, 0)).toBe(expected.size);
    const share = expected.size / LISTING_SHARDS;
    for (const count of perShard) {
      expect(count).toBeGreaterThan(share * 0.5);
      expect(count).toBeLessThan(share * 1.5);
    }
  });
});
