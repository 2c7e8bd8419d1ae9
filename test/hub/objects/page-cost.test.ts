import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyMaterial, TokenKeys } from '../../../functions/hub/auth/token-keys';
import type { TenantContext } from '../../../functions/hub/hub-runtime';
import { listStoredObjects } from '../../../functions/hub/objects/object-pages';
import { parseOcpiDateTime } from '../../../functions/ocpi/datetime';
import { parseLinkHeader } from '../../../functions/ocpi/pagination';
import { deleteTable } from '../../../functions/store/table-admin';
import { TenantTable } from '../../../functions/store/tenant-table';
import { TokenRepository, tokenKey } from '../../../functions/store/token.repository';
import { createTestTable, testDataClient, testDynamoClient } from '../../support/dynamo';
import { at, tokenOf } from './object-fixtures';

/** Every DynamoDB call the repository makes, with the items each Query evaluated. */
type Meter = { calls: string[]; scanned: number };

function meteredTable(tableName: string, meter: Meter): TenantTable {
  const client = testDataClient();
  const metered = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return async (command: { constructor: { name: string } }) => {
        meter.calls.push(command.constructor.name);
        const out = (await target.send(command as never)) as { ScannedCount?: number };
        meter.scanned += out.ScannedCount ?? 0;
        return out;
      };
    },
  });
  return new TenantTable(metered, tableName);
}

const OWNER = { country_code: 'NL', party_id: 'EM1' };
const keys = new TokenKeys(generateKeyMaterial());
const ctx = { runtime: { keys } } as unknown as TenantContext;
const LIMIT = 20;
/** Twelve times the small table: enough to show a page's cost is flat, quick enough to seed on 2 cores. */
const LARGE = 600;
const COUNTER_SHARDS = 16;
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
      { lookupId: token.uid, extra: [] },
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
    let url: string | undefined = `${BASE_URL}${query}`;
    while (url) {
      const before = { calls: store.meter.calls.length, scanned: store.meter.scanned };
      const params = Object.fromEntries(new URL(url).searchParams);
      const page = await listStoredObjects(ctx, store.repo, {
        query: params,
        requestUrl: url,
        maxLimit: 100,
      });
      costs.push({
        calls: store.meter.calls.slice(before.calls),
        scanned: store.meter.scanned - before.scanned,
      });
      uids.push(...page.objects.map((t) => t.uid));
      url = parseLinkHeader(page.headers.Link);
    }
    return { costs, uids };
  }

  it('reads at most limit + 1 entries and the counter shards per page, first or last, at 50 and 600 objects', async () => {
    // Act
    const fifty = await walk(small, `?limit=${LIMIT}`);
    const many = await walk(large, `?limit=${LIMIT}`);
    // Assess
    expect(fifty.uids).toHaveLength(50);
    expect(many.uids).toHaveLength(LARGE);
    expect(new Set(many.uids).size).toBe(LARGE);
    // A page reads limit + 1 index entries and the 16 counter shards, whatever the table holds.
    const bound = LIMIT + 1 + COUNTER_SHARDS;
    for (const cost of [...fifty.costs, ...many.costs]) {
      expect(cost.calls).toEqual(['QueryCommand', 'QueryCommand']);
      expect(cost.scanned).toBeLessThanOrEqual(bound);
    }
    expect(many.costs).toHaveLength(LARGE / LIMIT);
  });

  it('counts a date-filtered total once, on the first page only', async () => {
    // Act
    const filtered = await walk(large, `?limit=${LIMIT}&date_from=${at(300)}&date_to=${at(400)}`);
    // Assess
    expect(filtered.uids).toEqual(Array.from({ length: 100 }, (_, i) => `UID-${300 + i}`));
    const [first, ...following] = filtered.costs;
    expect(first?.scanned).toBeGreaterThanOrEqual(100);
    for (const cost of following) {
      expect(cost.calls).toEqual(['QueryCommand']);
      expect(cost.scanned).toBeLessThanOrEqual(LIMIT + 1);
    }
  });

  it('serves an explicit deep offset without a cursor correctly', async () => {
    // Act
    const params = { offset: '450', limit: '3' };
    const page = await listStoredObjects(ctx, large.repo, {
      query: params,
      requestUrl: BASE_URL,
      maxLimit: 100,
    });
    // Assess
    expect(page.objects.map((t) => t.uid)).toEqual(['UID-450', 'UID-451', 'UID-452']);
    expect(page.headers['X-Total-Count']).toBe(String(LARGE));
  });
});
