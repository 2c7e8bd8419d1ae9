import { alternate } from './lib/alternate';
import { startBenchHub } from './lib/bench-hub';
import { type Benchmark, goal } from './lib/benchmark';
import { assertAnswersLocation, connectRoutedPair } from './lib/routed-pair';
import { medianOfRounds, ratio, round } from './lib/stats';
import { figuresOf } from './routed-overhead';

const VARIANTS = ['cache on', 'cache off'] as const;
const ROUNDS = 3;
const CONCURRENCY = 10;
const MEASURE_MS = 3_000;
const WARMUP_MS = 500;

export const authCache: Benchmark = {
  name: 'auth-cache',
  description: 'Routed GET throughput with the credentials cache on vs off (startLocalHub authCache: false)',
  async run(ctx) {
    const load = await ctx.load();
    const endpoint = await ctx.dynamoEndpoint();
    const on = await startBenchHub({ dynamoEndpoint: endpoint });
    const off = await startBenchHub({ dynamoEndpoint: endpoint, authCache: false });
    try {
      const pairs = { 'cache on': await connectRoutedPair(on), 'cache off': await connectRoutedPair(off) };
      for (const v of VARIANTS) await assertAnswersLocation(pairs[v].viaHub);
      ctx.progress(`${ROUNDS} alternating rounds at concurrency ${CONCURRENCY}`);
      const measured = await alternate(ROUNDS, VARIANTS, async (v) => {
        const target = pairs[v].viaHub;
        const result = await load.run({
          origin: target.origin,
          requests: [target.request],
          concurrency: CONCURRENCY,
          durationMs: MEASURE_MS,
          warmupMs: WARMUP_MS,
        });
        pairs[v].cpo.clearRequests();
        return figuresOf(result, v);
      });
      const cached = medianOfRounds(measured['cache on']);
      const uncached = medianOfRounds(measured['cache off']);
      const gain = round(ratio(cached.rps, uncached.rps));
      return {
        available: true,
        tables: [
          {
            columns: ['credentials cache', 'p50 ms', 'p99 ms', 'req/s'],
            rows: VARIANTS.map((v) => {
              const f = v === 'cache on' ? cached : uncached;
              return [v, f.p50Ms, f.p99Ms, f.rps];
            }),
          },
        ],
        goals: [goal('throughput cache on / off', '> 1 (the cache pays for itself)', gain, 1, false)],
        figures: { cacheOn: cached, cacheOff: uncached, throughputGain: gain, rounds: measured },
        notes: [
          `Medians of ${ROUNDS} alternating rounds of ${MEASURE_MS / 1000} s at concurrency ${CONCURRENCY}, two hubs on the same DynamoDB Local.`,
          'Without the cache every request looks its token up in DynamoDB; with it a token is trusted for at most 10 s and never past its expiry (revocation within the grace rules is proved by test/hub/auth-cache.test.ts).',
        ],
      };
    } finally {
      await Promise.all([on.stop(), off.stop()]);
    }
  },
};
