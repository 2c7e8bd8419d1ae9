import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyMaterial, TokenKeys } from '../../../functions/hub/auth/token-keys';
import type { TenantContext } from '../../../functions/hub/hub-runtime';
import { listStoredObjects } from '../../../functions/hub/objects/object-pages';
import { parseOcpiDateTime } from '../../../functions/ocpi/datetime';
import { parseLinkHeader } from '../../../functions/ocpi/pagination';
import { LISTING_SHARDS } from '../../../functions/store/object-listing';
import { deleteTable } from '../../../functions/store/table-admin';
import { TokenRepository, tokenKey } from '../../../functions/store/token.repository';
import { createTestTable, testDynamoClient } from '../../support/dynamo';
import { type Meter, meteredTable } from './metered-table';
import { at, tokenOf } from './object-fixtures';

const OWNER = { country_code: 'NL', party_id: 'EM1' };
const keys = new TokenKeys(generateKeyMaterial());
const ctx = { runtime: { keys } } as unknown as TenantContext;
const LIMIT = 20;
/** Twelve times the small table: enough to show a page's cost is flat, quick enough to seed on 2 cores. */
const LARGE = 600;
const BASE_URL = 'https://hub.example.com/demo/ocpi/2.2.1/sender/tokens';

async function seed(repo: TokenRepository, count: number): Promise<void> {
  const createdAt = new Date().toISOString();
  const write = async (i: number) => {
    const token = tokenOf(OWNER, `UID-${i}`, at(i));
    await repo.save(
      {
        key: tokenKey(OWNER, token.uid, 'RFID'),
        owner: OWNER,
        object: token as never,
        lastUpdatedMs: parseOcpiDateTime(token.last_updated) ?? 0,
        rev: 1,
        createdAt,
        updatedAt: createdAt,
      },
      { lookupId: token.uid, expected: undefined, extra: [] },
    );
  };
  const workers = Array.from({ length: 8 }, async (_, w) => {
    for (let i = w; i < count; i += 8) await write(i);
  });
  await Promise.all(workers);
}

describe('the cost of a GET-all page', () => {
  const tables: string[] = [];
  const small = { meter: { calls: [], scanned: 0 } as Meter, repo: undefined as unknown as TokenRepository };
  const large = { meter: { calls: [], scanned: 0 } as Meter, repo: undefined as unknown as TokenRepository };

  beforeAll(async () => {
    for (const [store, count] of [
      [small, 50],
      [large, LARGE],
    ] as const) {
      const name = await createTestTable('page-cost');
      tables.push(name);
      store.repo = new TokenRepository(meteredTable(name, store.meter));
      await seed(store.repo, count);
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all(tables.map((t) => deleteTable(testDynamoClient(), t)));
  });

  /** Follows Link from the first page to the last; returns the cost of each page and what it served. */
  async function walk(store: typeof small, query: string) {
    const costs: Meter[] = [];
    const uids: string[] = [];
    const totals: string[] = [];
    let url: string | undefined = `${BASE_URL}${query}`;
    while (url) {
      const before = { calls: store.meter.calls.length, scanned: store.meter.scanned };
      const params = Object.fromEntries(new URL(url).searchParams);
      const page = await listStoredObjects(ctx, store.repo, {
        query: params,
        requestUrl: url,
        maxLimit: 100,
        callerId: 'partner-1',
      });
      costs.push({
        calls: store.meter.calls.slice(before.calls),
        scanned: store.meter.scanned - before.scanned,
      });
      uids.push(...page.objects.map((t) => t.uid));
      totals.push(page.headers['X-Total-Count'] ?? '');
      url = parseLinkHeader(page.headers.Link);
    }
    return { costs, uids, totals };
  }

  /**
   * What a page may read whatever the table holds: each listing shard its share of limit + 1 plus
   * slack, and a shard that holds the merge back a little more; the counters in one BatchGetItem.
   */
  const ENTRY_BOUND = 2 * (LIMIT + 1) + 3 * LISTING_SHARDS;
  const queries = (cost: Meter) => cost.calls.filter((c) => c === 'Query').length;

  it('reads a bounded number of entries per page, first or last, at 50 and 600 objects, in last_updated order', async () => {
    // Act
    const fifty = await walk(small, `?limit=${LIMIT}`);
    const many = await walk(large, `?limit=${LIMIT}`);
    // Assess
    expect(fifty.uids).toEqual(Array.from({ length: 50 }, (_, i) => `UID-${i}`));
    expect(many.uids).toEqual(Array.from({ length: LARGE }, (_, i) => `UID-${i}`));
    for (const cost of [...fifty.costs, ...many.costs]) {
      expect(cost.calls.filter((c) => c === 'BatchGetItem')).toHaveLength(1);
      expect(queries(cost)).toBeGreaterThanOrEqual(LISTING_SHARDS);
      expect(queries(cost)).toBeLessThanOrEqual(2 * LISTING_SHARDS);
      expect(cost.scanned).toBeLessThanOrEqual(ENTRY_BOUND);
    }
    expect(many.costs).toHaveLength(LARGE / LIMIT);
    const worst = (costs: Meter[]) => Math.max(...costs.map((c) => c.scanned));
    expect(worst(many.costs)).toBeLessThanOrEqual(ENTRY_BOUND);
  });

  it('totals a date filter from counters on the first page, at the same cost for 20 or 400 matches', async () => {
    // Act: from a partial minute, so the first minute is counted on the index too
    const narrow = await walk(large, `?limit=${LIMIT}&date_from=${at(300)}&date_to=${at(320)}`);
    const wide = await walk(
      large,
      `?limit=${LIMIT}&date_from=${at(100).replace('Z', '.5Z')}&date_to=${at(500)}`,
    );
    // Assess
    expect(narrow.uids).toEqual(Array.from({ length: 20 }, (_, i) => `UID-${300 + i}`));
    expect(wide.uids).toEqual(Array.from({ length: 399 }, (_, i) => `UID-${101 + i}`));
    expect(new Set(narrow.totals)).toEqual(new Set(['20']));
    expect(new Set(wide.totals)).toEqual(new Set(['399']));
    const [narrowFirst] = narrow.costs;
    const [wideFirst, ...following] = wide.costs;
    // The total comes from bucket counters (a few items per shard), not from counting the matches.
    expect(wideFirst?.scanned).toBeLessThan(ENTRY_BOUND + 10 * LISTING_SHARDS);
    expect(wideFirst?.calls.length).toBeLessThanOrEqual((narrowFirst?.calls.length ?? 0) + LISTING_SHARDS);
    // Later pages carry the total in their cursor: the listing shards only.
    for (const cost of following) {
      expect(cost.calls.every((c) => c === 'Query')).toBe(true);
      expect(cost.scanned).toBeLessThanOrEqual(ENTRY_BOUND);
    }
  });

  it('serves an explicit deep offset without a cursor correctly', async () => {
    // Act
    const params = { offset: '450', limit: '3' };
    const page = await listStoredObjects(ctx, large.repo, {
      query: params,
      requestUrl: BASE_URL,
      maxLimit: 100,
      callerId: 'partner-1',
    });
    // Assess
    expect(page.objects.map((t) => t.uid)).toEqual(['UID-450', 'UID-451', 'UID-452']);
    expect(page.headers['X-Total-Count']).toBe(String(LARGE));
  });
});
