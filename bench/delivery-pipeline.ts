import { cdrOf, sessionOf } from '../test/hub/charging/charging-fixtures';
import type { SimulatedPlatform } from '../test/partners';
import { startBenchHub } from './lib/bench-hub';
import { type Benchmark, goal } from './lib/benchmark';
import { countPipelineCalls, type PipelineCounter, perUnit } from './lib/dynamo-pipeline-counter';
import type { LoadClient } from './lib/load-client';
import { iso, lastUpdatedOf, locationPusher, patchesOf, putsOf, sleep, until } from './lib/location-pushes';
import { CPO } from './lib/routed-pair';
import { sampleLocation } from './lib/sample-location';
import { percentile, round } from './lib/stats';

const LOCATIONS = 10;
const COUNTED_PATCHES = 50;
const SMALL_NETWORK_EMSPS = 5;
const EMSPS = 10;
const CHARGING_SAMPLES = 10;
const BURST_UPDATES = 1_000;
const BURST_LOCATIONS = 100;
const BURST_EMSPS = 5;
const BURST_CONCURRENCY = 8;
const TIMEOUT_MS = 180_000;
/** The pipeline before issue #12 needed minutes for the burst. */
const BURST_TIMEOUT_MS = 600_000;
/** The pipeline counts as done once no DynamoDB write happened for this long (lease releases etc.). */
const QUIET_MS = 1_500;

/** On-demand list prices (us-east-1, since November 2024), dollars per million request units. */
const PRICE_PER_MILLION = { write: 0.625, read: 0.125 };
/** issue #12's reference network. */
const REFERENCE = {
  evses: 20_000,
  emsps: 25,
  statusChangesPerEvsePerDay: 24 * 4,
  sessionsPerDay: 2_000,
  /** A session: its PUT, a PATCH every 15 minutes for about 2 hours, the final PUT. */
  sessionUpdatesPerSession: 10,
  daysPerMonth: 30,
};

type Units = { writeItems: number; readCalls: number; writeUnits: number; readUnits: number };

/**
 * The delivery pipeline's DynamoDB bill and speed, counted over the whole process (request handlers,
 * stream poller, delivery worker, scheduled jobs): every request any DynamoDB client sends while 50
 * sequential EVSE PATCHes are broadcast, at 5 and at 10 eMSPs (so the cost per extra receiver is
 * known); CDR and session pushes; then a burst of 1,000 location updates to 5 eMSPs.
 */
export const deliveryPipeline: Benchmark = {
  name: 'delivery-pipeline',
  description: 'DynamoDB requests per broadcast (whole pipeline), burst latency, cost model',
  async run(ctx) {
    const counter = countPipelineCalls();
    const load = await ctx.load();
    const bench = await startBenchHub({ dynamoEndpoint: await ctx.dynamoEndpoint() });
    try {
      const cpo = await bench.connect({ role: 'CPO', ...CPO });
      const emsps: SimulatedPlatform[] = [];
      const addEmsps = async (n: number) => {
        for (let i = emsps.length + 1; emsps.length < n; i++) {
          emsps.push(await bench.connect({ role: 'EMSP', country_code: 'NL', party_id: `E${pad(i)}` }));
        }
      };
      await addEmsps(SMALL_NETWORK_EMSPS);
      const pusher = locationPusher(cpo);
      const base = Date.UTC(2024, 4, 1);
      const putLocations = async (count: number, lastUpdated: string) => {
        const puts = Array.from({ length: count }, (_, i) =>
          pusher.push('PUT', `C${i}`, sampleLocation(CPO, `C${i}`, lastUpdated)),
        );
        const seeded = await load.run({
          origin: pusher.origin,
          requests: puts,
          concurrency: 4,
          total: count,
        });
        if (seeded.errors) throw new Error(`location PUTs failed: ${seeded.firstError}`);
        await until(
          () =>
            emsps.every((e) => putsOf(e).filter((r) => lastUpdatedOf(r) === lastUpdated).length >= count)
              ? true
              : undefined,
          TIMEOUT_MS,
          'the location PUTs at every eMSP',
        );
      };
      ctx.progress(`CPO pushes ${BURST_LOCATIONS} locations to ${SMALL_NETWORK_EMSPS} eMSPs`);
      await putLocations(BURST_LOCATIONS, iso(base));
      let clock = base;
      const countedRun = async (receivers: SimulatedPlatform[]) => {
        await quiet(counter);
        counter.reset();
        const started = Date.now();
        const latencies: number[] = [];
        for (let i = 0; i < COUNTED_PATCHES; i++) {
          clock += 60_000;
          const lastUpdated = iso(clock);
          const location = `C${i % LOCATIONS}`;
          const res = await cpo.patchEvse(CPO, location, `${location}-E1`, {
            status: i % 2 ? 'AVAILABLE' : 'CHARGING',
            last_updated: lastUpdated,
          });
          const answeredAt = Date.now();
          if (res.status !== 200) throw new Error(`PATCH answered HTTP ${res.status}`);
          const arrivals = await until(
            () => {
              const found = receivers.map(
                (e) => patchesOf(e).findLast((r) => lastUpdatedOf(r) === lastUpdated)?.at,
              );
              return found.every((at) => at) ? (found as Date[]) : undefined;
            },
            TIMEOUT_MS,
            `PATCH ${i} at every eMSP`,
          );
          latencies.push(Math.max(...arrivals.map((a) => a.getTime())) - answeredAt);
        }
        await quiet(counter);
        const counts = counter.snapshot();
        return { per: perUnit(counts, COUNTED_PATCHES), seconds: (Date.now() - started) / 1000, latencies };
      };

      ctx.progress(`${COUNTED_PATCHES} sequential EVSE PATCHes to ${SMALL_NETWORK_EMSPS} eMSPs, counted`);
      const small = await countedRun(emsps);
      ctx.progress(`per PATCH to ${SMALL_NETWORK_EMSPS} eMSPs: ${JSON.stringify(small.per)}`);

      ctx.progress(`burst: ${BURST_UPDATES} location updates to ${BURST_EMSPS} eMSPs`);
      const burst = await runBurst(emsps, { load, pusher, base: clock + 60_000 });
      clock += 3_600_000;
      ctx.progress(`burst: ${JSON.stringify(burst)}`);

      await addEmsps(EMSPS);
      ctx.progress(`the ${LOCATIONS} counted locations again, so the new eMSPs hold them`);
      await putLocations(LOCATIONS, iso(clock));
      ctx.progress(`${COUNTED_PATCHES} sequential EVSE PATCHes to ${EMSPS} eMSPs, counted`);
      const large = await countedRun(emsps);
      ctx.progress(`per PATCH to ${EMSPS} eMSPs: ${JSON.stringify(large.per)}`);

      ctx.progress(`${CHARGING_SAMPLES} session PUTs and ${CHARGING_SAMPLES} CDRs to one eMSP, counted`);
      const emsp = { country_code: 'NL', party_id: 'E01' };
      const first = emsps[0] as SimulatedPlatform;
      await quiet(counter);
      counter.reset();
      for (let i = 0; i < CHARGING_SAMPLES; i++) {
        const session = sessionOf(CPO, emsp, `S${i}`);
        const res = await cpo.hubRequest('PUT', `sessions/${CPO.country_code}/${CPO.party_id}/S${i}`, {
          body: session,
        });
        if (res.status >= 300) throw new Error(`session PUT answered HTTP ${res.status}`);
      }
      await until(
        () =>
          first.received.filter((r) => r.module === 'sessions').length >= CHARGING_SAMPLES ? true : undefined,
        TIMEOUT_MS,
        'the sessions at the eMSP',
      );
      await quiet(counter);
      const sessionCost = perUnit(counter.snapshot(), CHARGING_SAMPLES);
      counter.reset();
      for (let i = 0; i < CHARGING_SAMPLES; i++) {
        const res = await cpo.postCdr(cdrOf(CPO, emsp, `CDR${i}`));
        if (res.status >= 300) throw new Error(`CDR POST answered HTTP ${res.status}`);
      }
      await until(
        () =>
          first.received.filter((r) => r.module === 'cdrs').length >= CHARGING_SAMPLES ? true : undefined,
        TIMEOUT_MS,
        'the CDRs at the eMSP',
      );
      await quiet(counter);
      const cdrCost = perUnit(counter.snapshot(), CHARGING_SAMPLES);

      const perReceiver = (pick: (u: Units) => number) =>
        (pick(large.per) - pick(small.per)) / (EMSPS - SMALL_NETWORK_EMSPS);
      const at = (n: number, pick: (u: Units) => number) =>
        pick(small.per) + perReceiver(pick) * (n - SMALL_NETWORK_EMSPS);
      const cost = costModel({
        patchWriteUnits: at(REFERENCE.emsps, (u) => u.writeUnits),
        patchReadUnits: at(REFERENCE.emsps, (u) => u.readUnits),
        sessionWriteUnits: sessionCost.writeUnits,
        sessionReadUnits: sessionCost.readUnits,
        cdrWriteUnits: cdrCost.writeUnits,
        cdrReadUnits: cdrCost.readUnits,
      });
      const p99 = round(percentile(large.latencies, 99));
      return {
        available: true,
        tables: [
          {
            title: 'DynamoDB requests per EVSE PATCH broadcast (whole pipeline, background work included)',
            columns: [
              'eMSPs',
              'write items',
              'write calls',
              'read calls',
              'WCU',
              'RCU',
              'stream calls',
              'p50 ms',
              'p99 ms',
            ],
            rows: [small, large].map((r, i) => [
              i === 0 ? SMALL_NETWORK_EMSPS : EMSPS,
              r.per.writeItems,
              r.per.writeCalls,
              r.per.readCalls,
              r.per.writeUnits,
              r.per.readUnits,
              r.per.streamCalls,
              round(percentile(r.latencies, 50)),
              round(percentile(r.latencies, 99)),
            ]),
          },
          {
            title: 'Per charging push to one eMSP',
            columns: ['push', 'write items', 'read calls', 'WCU', 'RCU'],
            rows: [
              [
                'session PUT',
                sessionCost.writeItems,
                sessionCost.readCalls,
                sessionCost.writeUnits,
                sessionCost.readUnits,
              ],
              ['CDR POST', cdrCost.writeItems, cdrCost.readCalls, cdrCost.writeUnits, cdrCost.readUnits],
            ],
          },
          {
            title: `Burst: ${BURST_UPDATES} location updates (${BURST_LOCATIONS} locations) to ${BURST_EMSPS} eMSPs`,
            columns: ['accepted/s', 'deliveries/s', 'p50 ms', 'p99 ms', 'max ms'],
            rows: [[burst.acceptedPerS, burst.deliveriesPerS, burst.p50, burst.p99, burst.max]],
          },
          {
            title: `Cost model: ${REFERENCE.evses} EVSEs, ${REFERENCE.emsps} eMSPs, a status change per EVSE per 15 min, ${REFERENCE.sessionsPerDay} sessions with CDRs a day`,
            columns: ['item', 'per month', 'WRU/month (M)', 'RRU/month (M)', '$/month'],
            rows: cost.rows,
          },
        ],
        goals: [
          goal(`write items per PATCH to ${EMSPS} eMSPs`, '<= 12', large.per.writeItems, 12, true),
          goal(`read calls per PATCH to ${EMSPS} eMSPs`, '<= 15', large.per.readCalls, 15, true),
          goal(`p99 CPO 200 -> last of ${EMSPS} eMSPs (ms, sequential)`, '<= 500', p99, 500, true),
          goal('burst delivery latency p50 (ms)', '<= 1000', burst.p50, 1000, true),
          goal('burst delivery latency p99 (ms)', '<= 5000', burst.p99, 5000, true),
          goal('burst deliveries/s', '>= 300', burst.deliveriesPerS, 300, false),
          // Never slower than the hub accepts: each accepted update reaches every eMSP as fast.
          goal(
            `burst deliveries/s per accepted PATCH/s (${BURST_EMSPS} eMSPs)`,
            `>= ${BURST_EMSPS * 0.95}`,
            round(burst.deliveriesPerS / burst.acceptedPerS),
            BURST_EMSPS * 0.95,
            false,
          ),
        ],
        figures: { small, large, sessionCost, cdrCost, burst, cost: cost.figures, reference: REFERENCE },
        notes: [
          'Counted by patching the send() of every DynamoDB and DynamoDB Streams client in the process: request handlers, stream poller, delivery worker and scheduled jobs alike; a run ends once no write happened for 1.5 s. WCU/RCU are the capacity units DynamoDB Local reports (ReturnConsumedCapacity INDEXES: table and indexes).',
          "Stream calls (GetRecords etc.) are the local poller's; in AWS Lambda reads the stream at no charge, so the cost model leaves them out.",
          `Cost model: on-demand list prices $${PRICE_PER_MILLION.write}/M write request units, $${PRICE_PER_MILLION.read}/M read request units; units per PATCH at ${REFERENCE.emsps} eMSPs extrapolated linearly from the 5- and 10-eMSP runs; a session = ${REFERENCE.sessionUpdatesPerSession} session pushes; storage and streams not included.`,
        ],
      };
    } finally {
      await bench.stop();
      counter.stop();
    }
  },
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Waits until no DynamoDB write happened for QUIET_MS: the pipeline's bookkeeping is done. */
async function quiet(counter: PipelineCounter): Promise<void> {
  let last = counter.snapshot().writeCalls;
  let since = Date.now();
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() - since < QUIET_MS) {
    if (Date.now() > deadline) throw new Error('the pipeline never went quiet');
    await sleep(100);
    const now = counter.snapshot().writeCalls;
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

/** Delivery latency of each update at each receiver: its arrival minus the CPO's 200. */
async function runBurst(
  receivers: SimulatedPlatform[],
  opts: { load: LoadClient; pusher: ReturnType<typeof locationPusher>; base: number },
) {
  for (const p of receivers) p.clearRequests();
  const requests = [];
  for (let i = 0; i < BURST_UPDATES; i++) {
    const location = `C${i % BURST_LOCATIONS}`;
    const evse = `${location}-E${1 + (Math.floor(i / BURST_LOCATIONS) % 3)}`;
    requests.push(
      opts.pusher.push('PATCH', `${location}/${evse}`, {
        status: i % 2 ? 'AVAILABLE' : 'BLOCKED',
        last_updated: iso(opts.base + i),
      }),
    );
  }
  const sent = await opts.load.run({
    origin: opts.pusher.origin,
    requests,
    concurrency: BURST_CONCURRENCY,
    total: BURST_UPDATES,
    recordAnswers: true,
  });
  if (sent.errors) throw new Error(`burst PATCHes failed: ${sent.firstError}`);
  const answered = new Map<string, number>();
  sent.answeredAt?.forEach((t, i) => {
    answered.set(iso(opts.base + i), t);
  });
  await until(
    () => (receivers.every((e) => patchesOf(e).length >= BURST_UPDATES) ? true : undefined),
    BURST_TIMEOUT_MS,
    'every burst update at every eMSP',
  );
  const latencies: number[] = [];
  for (const e of receivers) {
    for (const r of patchesOf(e)) {
      const t = answered.get(lastUpdatedOf(r) ?? '');
      if (t !== undefined) latencies.push(Math.max(0, r.at.getTime() - t));
    }
  }
  const lastArrival = Math.max(...receivers.flatMap((e) => patchesOf(e).map((r) => r.at.getTime())));
  return {
    acceptedPerS: round(sent.rps),
    deliveriesPerS: round((BURST_UPDATES * receivers.length) / ((lastArrival - sent.startedAt) / 1000)),
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(Math.max(...latencies)),
  };
}

function costModel(u: {
  patchWriteUnits: number;
  patchReadUnits: number;
  sessionWriteUnits: number;
  sessionReadUnits: number;
  cdrWriteUnits: number;
  cdrReadUnits: number;
}) {
  const days = REFERENCE.daysPerMonth;
  const patches = REFERENCE.evses * REFERENCE.statusChangesPerEvsePerDay * days;
  const sessionPushes = REFERENCE.sessionsPerDay * REFERENCE.sessionUpdatesPerSession * days;
  const cdrs = REFERENCE.sessionsPerDay * days;
  const line = (name: string, count: number, w: number, r: number) => {
    const wru = count * w;
    const rru = count * r;
    const dollars = (wru * PRICE_PER_MILLION.write + rru * PRICE_PER_MILLION.read) / 1e6;
    return { name, count, wru, rru, dollars };
  };
  const lines = [
    line(`EVSE status broadcasts to ${REFERENCE.emsps} eMSPs`, patches, u.patchWriteUnits, u.patchReadUnits),
    line('session pushes', sessionPushes, u.sessionWriteUnits, u.sessionReadUnits),
    line('CDRs', cdrs, u.cdrWriteUnits, u.cdrReadUnits),
  ];
  const total = lines.reduce((s, l) => s + l.dollars, 0);
  const m = (x: number) => round(x / 1e6);
  return {
    rows: [
      ...lines.map((l) => [l.name, l.count, m(l.wru), m(l.rru), round(l.dollars)]),
      ['total', '', '', '', round(total)],
    ],
    figures: { lines, totalDollarsPerMonth: round(total) },
  };
}
