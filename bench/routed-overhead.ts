import { alternate } from './lib/alternate';
import { startBenchHub } from './lib/bench-hub';
import { type Benchmark, type Goal, goal } from './lib/benchmark';
import { startForwardingProxy } from './lib/forwarding-proxy';
import type { LoadResult } from './lib/load-protocol';
import { assertAnswersLocation, connectRoutedPair, type Target } from './lib/routed-pair';
import { medianOfRounds, ratio, round } from './lib/stats';

const TARGETS = ['hub', 'proxy', 'direct'] as const;
type TargetName = (typeof TARGETS)[number];
const DELAYS_MS = [0, 50];
const CONCURRENCIES = [1, 10];
const ROUNDS = 5;
const MEASURE_MS = 2_000;
const WARMUP_MS = 500;

export type Figures = { p50Ms: number; p99Ms: number; rps: number };

/** Load figures of one run; a run with failed requests measures nothing worth reporting. */
export function figuresOf(result: LoadResult, what: string): Figures {
  if (result.errors > result.count * 0.01) {
    throw new Error(`${what}: ${result.errors}/${result.count} requests failed (${result.firstError})`);
  }
  return { p50Ms: result.p50Ms, p99Ms: result.p99Ms, rps: result.rps };
}

export const routedOverhead: Benchmark = {
  name: 'routed-overhead',
  description: 'eMSP GET of one location: through the hub vs a bare forwarding proxy vs the CPO directly',
  async run(ctx) {
    const load = await ctx.load();
    const bench = await startBenchHub({ dynamoEndpoint: await ctx.dynamoEndpoint() });
    try {
      const pair = await connectRoutedPair(bench);
      const hubUrl = new URL(`${pair.viaHub.origin}${pair.viaHub.request.path}`);
      const prefix = hubUrl.pathname.slice(0, hubUrl.pathname.lastIndexOf('/'));
      const proxy = await startForwardingProxy({
        prefix,
        targetBase: pair.cpo.endpointUrl('locations', 'SENDER'),
        authorization: pair.direct.request.headers.Authorization as string,
      });
      try {
        const targets: Record<TargetName, Target> = {
          hub: pair.viaHub,
          proxy: { origin: proxy.url, request: pair.viaHub.request },
          direct: pair.direct,
        };
        for (const t of TARGETS) await assertAnswersLocation(targets[t]);
        const results: Array<{ delayMs: number; concurrency: number; target: TargetName } & Figures> = [];
        const rounds: Record<string, unknown> = {};
        for (const delayMs of DELAYS_MS) {
          pair.cpo.behave(delayMs ? 'slow' : 'normal', { delayMs });
          for (const concurrency of CONCURRENCIES) {
            ctx.progress(
              `delay ${delayMs} ms, concurrency ${concurrency}: ${ROUNDS} rounds of hub/proxy/direct`,
            );
            const measured = await alternate(ROUNDS, TARGETS, async (t) => {
              const result = await load.run({
                origin: targets[t].origin,
                requests: [targets[t].request],
                concurrency,
                durationMs: MEASURE_MS,
                warmupMs: WARMUP_MS,
              });
              pair.cpo.clearRequests();
              return figuresOf(result, `${t} delay ${delayMs} c${concurrency}`);
            });
            rounds[`delay${delayMs}-c${concurrency}`] = measured;
            for (const t of TARGETS)
              results.push({ delayMs, concurrency, target: t, ...medianOfRounds(measured[t]) });
          }
        }
        pair.cpo.behave('normal');
        return summarize(results, rounds);
      } finally {
        await proxy.close();
      }
    } finally {
      await bench.stop();
    }
  },
};

function summarize(
  results: Array<{ delayMs: number; concurrency: number; target: TargetName } & Figures>,
  rounds: Record<string, unknown>,
) {
  const find = (d: number, c: number, t: TargetName) =>
    results.find((r) => r.delayMs === d && r.concurrency === c && r.target === t) as Figures;
  const goals: Goal[] = [];
  const rows = results.map((r) => {
    const proxy = find(r.delayMs, r.concurrency, 'proxy');
    const latency = round(ratio(r.p50Ms, proxy.p50Ms));
    const throughput = round(ratio(r.rps, proxy.rps));
    return [r.delayMs, r.concurrency, r.target, r.p50Ms, r.p99Ms, r.rps, latency, throughput];
  });
  for (const c of CONCURRENCIES) {
    const hub0 = find(0, c, 'hub');
    const proxy0 = find(0, c, 'proxy');
    const hub50 = find(50, c, 'hub');
    const proxy50 = find(50, c, 'proxy');
    goals.push(
      goal(
        `delay 0, c${c}: hub p50 / proxy p50`,
        '<= 1.5',
        round(ratio(hub0.p50Ms, proxy0.p50Ms)),
        1.5,
        true,
      ),
      goal(
        `delay 0, c${c}: hub req/s / proxy req/s`,
        '>= 0.5',
        round(ratio(hub0.rps, proxy0.rps)),
        0.5,
        false,
      ),
      goal(
        `delay 50, c${c}: hub p50 / proxy p50`,
        '<= 1.05',
        round(ratio(hub50.p50Ms, proxy50.p50Ms)),
        1.05,
        true,
      ),
    );
  }
  return {
    available: true as const,
    tables: [
      {
        columns: ['delay ms', 'conc', 'target', 'p50 ms', 'p99 ms', 'req/s', 'p50 / proxy', 'req/s / proxy'],
        rows,
      },
    ],
    goals,
    figures: { results, rounds, roundsPerCell: ROUNDS, measureMs: MEASURE_MS, warmupMs: WARMUP_MS },
    notes: [
      `Medians of ${ROUNDS} alternating rounds of ${MEASURE_MS / 1000} s (after ${WARMUP_MS} ms warm-up); load from a separate process over keep-alive connections.`,
      'Hub, proxy and simulated CPO share one Node process (the load generator has its own), so every target pays for the CPO alike.',
    ],
  };
}
