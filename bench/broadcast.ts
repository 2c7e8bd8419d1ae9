import type { SimulatedPlatform } from '../test/partners';
import { startBenchHub } from './lib/bench-hub';
import { type Benchmark, goal } from './lib/benchmark';
import { iso, lastUpdatedOf, locationPusher, patchesOf, putsOf, until } from './lib/location-pushes';
import { CPO } from './lib/routed-pair';
import { sampleLocation } from './lib/sample-location';
import { percentile, round } from './lib/stats';

const EMSPS = 10;
const LOCATIONS = 30;
const LATENCY_SAMPLES = 30;
/** Sustained phase: one PATCH per EVSE of every location (PATCHes are never superseded). */
const EVSES_PATCHED = 3;
const LOAD_CONCURRENCY = 4;
const DELIVERY_TIMEOUT_MS = 120_000;

export const broadcast: Benchmark = {
  name: 'broadcast',
  description: `EVSE status PATCH from a CPO fanned out to ${EMSPS} eMSPs`,
  async run(ctx) {
    const load = await ctx.load();
    const bench = await startBenchHub({ dynamoEndpoint: await ctx.dynamoEndpoint() });
    try {
      const cpo = await bench.connect({ role: 'CPO', ...CPO });
      const emsps: SimulatedPlatform[] = [];
      for (let i = 1; i <= EMSPS; i++) {
        emsps.push(
          await bench.connect({
            role: 'EMSP',
            country_code: 'NL',
            party_id: `E${String(i).padStart(2, '0')}`,
          }),
        );
      }
      const { origin, push } = locationPusher(cpo);

      ctx.progress(`CPO pushes ${LOCATIONS} locations; waiting for their fan-out to ${EMSPS} eMSPs`);
      const base = Date.UTC(2024, 4, 1);
      const puts = Array.from({ length: LOCATIONS }, (_, i) =>
        push('PUT', `B${i}`, sampleLocation(CPO, `B${i}`, iso(base))),
      );
      const seeded = await load.run({
        origin,
        requests: puts,
        concurrency: LOAD_CONCURRENCY,
        total: LOCATIONS,
      });
      if (seeded.errors) throw new Error(`location PUTs failed: ${seeded.firstError}`);
      await until(
        () => (emsps.every((e) => putsOf(e).length >= LOCATIONS) ? true : undefined),
        DELIVERY_TIMEOUT_MS,
        'the location PUTs at every eMSP',
      );
      for (const p of [cpo, ...emsps]) p.clearRequests();

      ctx.progress(`${LATENCY_SAMPLES} sequential EVSE PATCHes: CPO's 200 -> last of ${EMSPS} eMSPs`);
      const latencies: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const lastUpdated = iso(base + 60_000 * (i + 1));
        const location = `B${i % LOCATIONS}`;
        const res = await cpo.patchEvse(CPO, location, `${location}-E1`, {
          status: i % 2 ? 'AVAILABLE' : 'CHARGING',
          last_updated: lastUpdated,
        });
        const answeredAt = Date.now();
        if (res.status !== 200) throw new Error(`PATCH answered HTTP ${res.status}`);
        const arrivals = await until(
          () => {
            const found = emsps.map(
              (e) => patchesOf(e).findLast((r) => lastUpdatedOf(r) === lastUpdated)?.at,
            );
            return found.every((at) => at) ? (found as Date[]) : undefined;
          },
          DELIVERY_TIMEOUT_MS,
          `PATCH ${i} at every eMSP`,
        );
        latencies.push(Math.max(...arrivals.map((a) => a.getTime())) - answeredAt);
      }
      for (const p of [cpo, ...emsps]) p.clearRequests();

      const total = LOCATIONS * EVSES_PATCHED;
      ctx.progress(`sustained: ${total} PATCHes at concurrency ${LOAD_CONCURRENCY} from the load generator`);
      const sustainedBase = base + 3_600_000;
      const patches = Array.from({ length: total }, (_, i) => {
        const location = `B${i % LOCATIONS}`;
        const evse = `${location}-E${1 + Math.floor(i / LOCATIONS)}`;
        return push('PATCH', `${location}/${evse}`, {
          status: 'OUTOFORDER',
          last_updated: iso(sustainedBase + i),
        });
      });
      const sent = await load.run({
        origin,
        requests: patches,
        concurrency: LOAD_CONCURRENCY,
        total,
      });
      if (sent.errors) throw new Error(`PATCHes failed: ${sent.firstError}`);
      await until(
        () => (emsps.every((e) => patchesOf(e).length >= total) ? true : undefined),
        DELIVERY_TIMEOUT_MS,
        'every PATCH at every eMSP',
      );
      const lastArrival = Math.max(...emsps.flatMap((e) => patchesOf(e).map((r) => r.at.getTime())));
      const seconds = (lastArrival - sent.startedAt) / 1000;
      const sustained = {
        patches: total,
        acceptedPerS: round(sent.rps),
        endToEndS: round(seconds),
        pushesPerS: round(total / seconds),
        deliveriesPerS: round((total * EMSPS) / seconds),
      };
      const p50 = round(percentile(latencies, 50));
      const p99 = round(percentile(latencies, 99));
      return {
        available: true,
        tables: [
          {
            columns: [
              'eMSPs',
              'p50 ms',
              'p99 ms',
              'max ms',
              'PATCHes accepted/s',
              'pushes/s end to end',
              'deliveries/s',
            ],
            rows: [
              [
                EMSPS,
                p50,
                p99,
                round(Math.max(...latencies)),
                sustained.acceptedPerS,
                sustained.pushesPerS,
                sustained.deliveriesPerS,
              ],
            ],
          },
        ],
        goals: [goal('p99 CPO 200 -> last eMSP (ms)', '< 1000', p99, 1000, true)],
        figures: { latencyMs: { p50, p99, samples: latencies }, sustained },
        notes: [
          `Latency: ${LATENCY_SAMPLES} sequential PATCHes; time from the CPO reading its 200 to the last eMSP receiving the PATCH. The local delivery loop polls the table stream every 50 ms (in AWS the stream invokes the delivery Lambda, with no batching window).`,
          `Sustained: ${total} PATCHes (distinct EVSEs of ${LOCATIONS} locations) sent by the load generator process at concurrency ${LOAD_CONCURRENCY}; pushes/s = PATCHes / (last delivery at any eMSP - first send).`,
        ],
      };
    } finally {
      await bench.stop();
    }
  },
};
