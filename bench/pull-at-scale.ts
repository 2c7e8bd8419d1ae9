import { tableNameOf } from '../functions/config';
import { parseLinkHeader } from '../functions/ocpi/pagination';
import { alternate } from './lib/alternate';
import { benchConfig, newTablePrefix, startBenchHub, tokenHeader } from './lib/bench-hub';
import { type Benchmark, goal } from './lib/benchmark';
import type { LoadRequest } from './lib/load-protocol';
import { EMSP, targetOf } from './lib/routed-pair';
import { type SeedPlan, seededId, seedLocations, verifySeed } from './lib/seed-locations';
import { median, ratio, round } from './lib/stats';

const SMALL = 1_000;
const FULL = 100_000;
/** The fallback the issue allows when 100k cannot be seeded in time on the machine. */
const FALLBACK = 20_000;
/** Longest seeding of the large table we accept within the 10-minute run. */
const SEED_BUDGET_S = 180;
const REQUESTED_LIMIT = 100;
const ROUNDS = 3;
const QUERIES = ['first page', 'page 90% deep via Link', 'date_from (1%)', 'explicit offset 90%'] as const;
type Query = (typeof QUERIES)[number];
const SAMPLES: Record<Query, number> = {
  'first page': 20,
  'page 90% deep via Link': 20,
  'date_from (1%)': 20,
  'explicit offset 90%': 1,
};
/** Without a cursor the hub counts its way to an offset: seconds per request at 20k+, so one round. */
const ROUNDS_OF: Record<Query, number> = {
  'first page': ROUNDS,
  'page 90% deep via Link': ROUNDS,
  'date_from (1%)': ROUNDS,
  'explicit offset 90%': 1,
};
const OWNER = { country_code: 'NL', party_id: 'CP1' };
const planFor = (count: number): SeedPlan => ({
  owner: OWNER,
  count,
  firstMs: Date.UTC(2024, 0, 1),
  stepMs: 60_000,
});

interface Checked {
  request: LoadRequest;
  origin: string;
}

/** One GET, checked for a complete answer: status, X-Total-Count, Link, page content. */
async function checkedPage(
  url: string,
  headers: Record<string, string>,
  expect: { total: number; firstId: string; more: boolean },
) {
  const res = await fetch(url, { headers });
  const body = (await res.json()) as { status_code?: number; data?: Array<{ id: string }> };
  const total = Number(res.headers.get('x-total-count'));
  const link = parseLinkHeader(res.headers.get('link'));
  const problems = [
    res.status !== 200 || body.status_code !== 1000
      ? `HTTP ${res.status} status_code ${body.status_code}`
      : '',
    total !== expect.total ? `X-Total-Count ${total}, expected ${expect.total}` : '',
    Boolean(link) !== expect.more ? `Link ${link ? 'present' : 'missing'}` : '',
    body.data?.[0]?.id !== expect.firstId ? `first id ${body.data?.[0]?.id}, expected ${expect.firstId}` : '',
  ].filter(Boolean);
  if (problems.length) throw new Error(`${url}: ${problems.join('; ')}`);
  return { link, pageSize: body.data?.length ?? 0, limit: Number(res.headers.get('x-limit')) };
}

export const pullAtScale: Benchmark = {
  name: 'pull-at-scale',
  description: 'GET-all pages of locations from the hub: 1k vs 100k stored locations',
  async run(ctx) {
    const endpoint = await ctx.dynamoEndpoint();
    const load = await ctx.load();
    const prefix = newTablePrefix();
    const config = benchConfig(['small', 'large'], prefix);
    ctx.progress(`seeding ${SMALL} locations`);
    await seedLocations(endpoint, tableNameOf(config, 'small'), planFor(SMALL));
    const forced = Number(process.env.BENCH_PULL_LARGE) || undefined;
    const timeOffsets = process.env.BENCH_PULL_OFFSET === '1';
    ctx.progress(`seeding up to ${forced ?? FULL} locations`);
    let rate = Number.NaN;
    const seeded = await seedLocations(endpoint, tableNameOf(config, 'large'), planFor(forced ?? FULL), {
      onProgress: (done, perSecond) => {
        rate = perSecond;
        if (done % 10_000 === 0) ctx.progress(`  ${done} seeded, ${Math.round(perSecond)}/s`);
        // The fallback: stop at 20k when 100k would not fit the run's time on this machine,
        // and in any case once the budget is spent (the figures then say how many were seeded).
        if (forced) return false;
        return (done >= FALLBACK && FULL / perSecond > SEED_BUDGET_S) || done / perSecond > SEED_BUDGET_S;
      },
    });
    const large = seeded.seeded;
    await verifySeed(endpoint, tableNameOf(config, 'small'), planFor(SMALL));
    await verifySeed(endpoint, tableNameOf(config, 'large'), planFor(large));

    const bench = await startBenchHub({
      dynamoEndpoint: endpoint,
      tenants: ['small', 'large'],
      tablePrefix: prefix,
    });
    try {
      const sizes = { small: SMALL, large } as const;
      const targets = {} as Record<'small' | 'large', Record<Query, Checked>>;
      let pageSize = 0;
      for (const tenant of ['small', 'large'] as const) {
        const emsp = await bench.connect({ role: 'EMSP', ...EMSP }, tenant);
        const sender = emsp.hubEndpoints.find(
          (e) => e.identifier === 'locations' && e.role === 'SENDER',
        )?.url;
        if (!sender) throw new Error('the hub advertised no locations SENDER endpoint');
        const headers = {
          Authorization: tokenHeader(emsp.hubToken),
          'OCPI-from-country-code': EMSP.country_code,
          'OCPI-from-party-id': EMSP.party_id,
          'X-Request-ID': 'bench-request',
          'X-Correlation-ID': 'bench-correlation',
        };
        const n = sizes[tenant];
        const deep = Math.floor(n * 0.9);
        const recent = Math.ceil(n * 0.99);
        const urls = {
          first: `${sender}?limit=${REQUESTED_LIMIT}`,
          offset: `${sender}?offset=${deep}&limit=${REQUESTED_LIMIT}`,
          dateFrom: `${sender}?date_from=${new Date(planFor(n).firstMs + recent * 60_000).toISOString()}&limit=${REQUESTED_LIMIT}`,
        };
        // Every page on the way is checked: X-Total-Count, Link and the first id in last_updated order.
        let page = await checkedPage(urls.first, headers, { total: n, firstId: seededId(0), more: true });
        pageSize = page.pageSize;
        let viaLink = urls.first;
        ctx.progress(`${tenant}: following Link ${Math.ceil(deep / pageSize)} times to the page 90% deep`);
        for (let at = pageSize; at - pageSize < deep; at += pageSize) {
          viaLink = page.link as string;
          page = await checkedPage(viaLink, headers, {
            total: n,
            firstId: seededId(at),
            more: at + pageSize < n,
          });
        }
        await checkedPage(urls.dateFrom, headers, {
          total: n - recent,
          firstId: seededId(recent),
          more: n - recent > pageSize,
        });
        // An explicit deep offset must still answer correctly; it is linear in the offset (no cursor).
        if (tenant === 'small' || timeOffsets) {
          await checkedPage(urls.offset, headers, { total: n, firstId: seededId(deep), more: true });
        }
        targets[tenant] = {
          'first page': targetOf(urls.first, headers),
          'page 90% deep via Link': targetOf(viaLink, headers),
          'date_from (1%)': targetOf(urls.dateFrom, headers),
          'explicit offset 90%': targetOf(urls.offset, headers),
        };
      }
      const rows: Array<Array<string | number>> = [];
      const figures: Record<string, unknown> = {};
      const goals = [];
      for (const query of QUERIES) {
        if (query === 'explicit offset 90%' && !timeOffsets) continue;
        ctx.progress(
          `${query}: ${ROUNDS_OF[query]} alternating round(s) of ${SAMPLES[query]} sequential GETs`,
        );
        const measured = await alternate(ROUNDS_OF[query], ['small', 'large'] as const, async (tenant) => {
          const t = targets[tenant][query];
          const r = await load.run({
            origin: t.origin,
            requests: [t.request],
            concurrency: 1,
            total: SAMPLES[query],
            warmupMs: query === 'explicit offset 90%' ? 0 : 200,
          });
          if (r.errors) throw new Error(`${query} (${tenant}): ${r.firstError}`);
          return r.p50Ms;
        });
        const p50Small = round(median(measured.small));
        const p50Large = round(median(measured.large));
        const r = round(ratio(p50Large, p50Small));
        rows.push([query, p50Small, p50Large, r]);
        figures[query] = { p50MsSmall: p50Small, p50MsLarge: p50Large, ratio: r, rounds: measured };
        if (query !== 'explicit offset 90%')
          goals.push(goal(`${query}: p50 ${large}/${SMALL}`, '<= 1.5', r, 1.5, true));
      }
      return {
        available: true,
        tables: [{ columns: ['query', `p50 ms, ${SMALL}`, `p50 ms, ${large}`, 'ratio'], rows }],
        goals,
        figures: {
          small: SMALL,
          large,
          pageSize,
          requestedLimit: REQUESTED_LIMIT,
          seeding: { perSecond: round(rate), largeSeconds: round(seeded.seconds) },
          queries: figures,
        },
        notes: [
          ...(large < FULL
            ? [
                `Measured ${SMALL} vs ${large}, not ${FULL}: seeding DynamoDB Local ran at ${Math.round(rate)} locations/s here, so ${FULL} would take ~${Math.round(FULL / rate)} s (set BENCH_PULL_LARGE=${FULL} to run it anyway).`,
              ]
            : []),
          `Each answer checked before timing: X-Total-Count, Link, first id. The hub caps pages at ${pageSize} locations (X-Limit) though ${REQUESTED_LIMIT} were asked.`,
          `The 90%-deep page is reached by following Link from the first page (${Math.ceil((large * 0.9) / (pageSize || 1))} pages at ${large}, each checked).`,
          timeOffsets
            ? 'Explicit offset: without a cursor the hub counts its way to the offset, so its cost grows with the offset (informational, no goal).'
            : 'An explicit offset of 90% is checked for correctness at 1k and not timed (it grows with the offset: the hub counts its way there without a cursor); BENCH_PULL_OFFSET=1 times it at both sizes.',
          `Locations seeded through the hub's item layout (bench/lib/seed-locations.ts), ~3 EVSEs each, one minute of last_updated apart.`,
        ],
      };
    } finally {
      await bench.stop();
    }
  },
};
