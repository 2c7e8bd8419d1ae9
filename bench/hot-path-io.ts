import type { SimulatedPlatform } from '../test/partners';
import { startBenchHub } from './lib/bench-hub';
import { type Benchmark, goal } from './lib/benchmark';
import { perRequest, startCountingHubServer } from './lib/dynamo-call-counter';
import { CPO, connectRoutedPair } from './lib/routed-pair';
import { sampleLocation } from './lib/sample-location';
import { round } from './lib/stats';

const WARMUP_REQUESTS = 20;
const ROUTED_REQUESTS = 200;
const PUSHES = 20;
/** Work a request leaves running after its answer (e.g. the last-contact write) is counted too. */
const SETTLE_MS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const iso = (minute: number) => new Date(Date.UTC(2024, 4, 1, 10, minute)).toISOString();

async function ok(platform: SimulatedPlatform, method: string, url: string, body?: unknown, to?: typeof CPO) {
  const res = await platform.hubRequest(method, url, { body, ...(to ? { to } : {}) });
  const envelope = res.body as { status_code?: number } | undefined;
  if (res.status >= 300 || envelope?.status_code !== 1000) {
    throw new Error(`${method} ${url}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export const hotPathIo: Benchmark = {
  name: 'hot-path-io',
  description: 'DynamoDB calls per routed request (warm caches) and per accepted push',
  async run(ctx) {
    const bench = await startBenchHub({ dynamoEndpoint: await ctx.dynamoEndpoint() });
    const counting = await startCountingHubServer(bench.hub.runtime, bench.hub.dynamoClient);
    try {
      const { cpo, emsp, viaHub } = await connectRoutedPair(bench);
      const getUrl = `${counting.url}${viaHub.request.path}`;
      const receiver = cpo.hubEndpoints.find((e) => e.identifier === 'locations' && e.role === 'RECEIVER');
      if (!receiver) throw new Error('the hub advertised no locations RECEIVER endpoint');
      const pushUrl = (id: string, rest = '') =>
        `${counting.url}${new URL(receiver.url).pathname}/${CPO.country_code}/${CPO.party_id}/${id}${rest}`;

      for (let i = 0; i < WARMUP_REQUESTS; i++) await ok(emsp, 'GET', getUrl, undefined, CPO);
      await ok(cpo, 'PUT', pushUrl('WARM'), sampleLocation(CPO, 'WARM', iso(0)));
      await sleep(SETTLE_MS);
      counting.drain();

      const phases: Array<{ operation: string; requests: number; run: (i: number) => Promise<void> }> = [
        {
          operation: 'routed GET (TO = CPO)',
          requests: ROUTED_REQUESTS,
          run: () => ok(emsp, 'GET', getUrl, undefined, CPO),
        },
        {
          operation: 'PUT new location',
          requests: PUSHES,
          run: (i) => ok(cpo, 'PUT', pushUrl(`HOT${i}`), sampleLocation(CPO, `HOT${i}`, iso(1))),
        },
        {
          operation: 'PUT replacing a location',
          requests: PUSHES,
          run: (i) => ok(cpo, 'PUT', pushUrl(`HOT${i}`), sampleLocation(CPO, `HOT${i}`, iso(2))),
        },
        {
          operation: 'PATCH EVSE status',
          requests: PUSHES,
          run: (i) =>
            ok(cpo, 'PATCH', pushUrl(`HOT${i}`, `/HOT${i}-E1`), { status: 'CHARGING', last_updated: iso(3) }),
        },
      ];
      const measured = [];
      for (const phase of phases) {
        ctx.progress(`${phase.requests} x ${phase.operation}`);
        for (let i = 0; i < phase.requests; i++) await phase.run(i);
        await sleep(SETTLE_MS);
        const counts = counting.drain();
        if (counts.length !== phase.requests)
          throw new Error(`${phase.operation}: counted ${counts.length} requests`);
        const { total, byCommand } = perRequest(counts);
        measured.push({
          operation: phase.operation,
          requests: phase.requests,
          callsPerRequest: round(total),
          byCommand,
        });
      }
      const [routed, ...pushes] = measured;
      const describe = (b: Record<string, number>) =>
        Object.entries(b)
          .map(([name, n]) => `${round(n)} ${name}`)
          .join(', ') || '-';
      return {
        available: true,
        tables: [
          {
            columns: ['operation', 'requests', 'DynamoDB calls / request', 'by call'],
            rows: measured.map((m) => [m.operation, m.requests, m.callsPerRequest, describe(m.byCommand)]),
          },
        ],
        goals: [
          goal(
            'routed GET, warm caches: calls / request',
            '0',
            routed?.callsPerRequest ?? Number.NaN,
            0,
            true,
          ),
          ...pushes.map((p) =>
            goal(`${p.operation}: calls / push`, '1 (the transaction)', p.callsPerRequest, 1, true),
          ),
        ],
        figures: { phases: measured, settleMs: SETTLE_MS },
        notes: [
          "Counted by wrapping the runtime's shared DynamoDB client; each request runs in its own AsyncLocalStorage context, so stream polling, delivery and scheduled jobs are not charged to it.",
          'Caches expire (credentials 10 s, routing targets 5 s, last-contact write every 30 s per partner): a refresh costs a few calls per interval, shared by every request in it.',
        ],
      };
    } finally {
      await counting.close();
      await bench.stop();
    }
  },
};
