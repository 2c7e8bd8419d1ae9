import { forgetAllStates } from '../functions/store/recent-object-states';
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

/** Items the authentication cache reads when an entry expires (credential token, partner). */
const AUTH_LABELS = ['CREDTOKEN#', 'PARTNER#'];
/** DynamoDB calls a push may make (issue #14): PUT one conditional transaction, PATCH a read and one. */
const PUSH_GOALS: Record<string, number> = {
  'PUT new location': 1,
  'PUT replacing a location': 1,
  'PUT replacing a location another instance wrote': 1,
  'PATCH EVSE status': 2,
};

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
          // As in a Lambda instance that did not handle the location's previous write.
          operation: 'PUT replacing a location another instance wrote',
          requests: PUSHES,
          run: (i) => {
            forgetAllStates();
            return ok(cpo, 'PUT', pushUrl(`HOT${i}`), sampleLocation(CPO, `HOT${i}`, iso(3)));
          },
        },
        {
          operation: 'PATCH EVSE status',
          requests: PUSHES,
          run: (i) =>
            ok(cpo, 'PATCH', pushUrl(`HOT${i}`, `/HOT${i}-E1`), { status: 'CHARGING', last_updated: iso(4) }),
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
        // The authentication cache's periodic re-read of the caller (once per partner per 10 s, whatever
        // the request rate) is reported apart from what the request itself needs.
        const authRefresh = Object.entries(byCommand)
          .filter(([label]) => AUTH_LABELS.some((prefix) => label.endsWith(` ${prefix}`)))
          .reduce((sum, [, n]) => sum + n, 0);
        measured.push({
          operation: phase.operation,
          requests: phase.requests,
          callsPerRequest: round(total),
          ownCallsPerRequest: round(total - authRefresh),
          authRefreshPerRequest: round(authRefresh),
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
            columns: ['operation', 'requests', 'calls / request', 'of which auth cache refresh', 'by call'],
            rows: measured.map((m) => [
              m.operation,
              m.requests,
              m.callsPerRequest,
              m.authRefreshPerRequest,
              describe(m.byCommand),
            ]),
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
          ...pushes.map((p) => {
            const limit = PUSH_GOALS[p.operation] ?? 1;
            return goal(
              `${p.operation}: calls / push (auth cache refresh apart)`,
              `<= ${limit}`,
              p.ownCallsPerRequest,
              limit,
              true,
            );
          }),
        ],
        figures: { phases: measured, settleMs: SETTLE_MS },
        notes: [
          "Counted by wrapping the runtime's shared DynamoDB client; each request runs in its own AsyncLocalStorage context, so stream polling, delivery and scheduled jobs are not charged to it.",
          'Cached credentials (10 s) and routing targets (6 s) in use are re-read in the background before they run out (2 reads per token or target per refresh, whatever the request rate), outside any request: they are not charged to requests. Only an entry nobody used for its whole life is read on the request path (the auth cache refresh column). The last-contact write (every 30 s per partner) is charged to the request that makes it.',
          "A replacing PUT expects the state the process last saw (one transaction); 'another instance wrote' forgets it first, as a Lambda instance that did not handle the previous write: the first transaction fails and hands back the stored item, the second writes.",
          'Why not one call there: the counter update of a replacing write names the counter items of the OLD last_updated (its day, hour and minute buckets, -1) and a create adds 1 to TOTAL; in a TransactWriteItems each action sees only its own item and the literal values sent, no value flows from one item to another and a failed condition cancels the whole transaction, so those keys must be known before the call: from this process (1 call), a read (2) or the failed transaction (2). One call needs counters kept from the stream (X-Total-Count exact only once the stream is processed) or no time-bucket counters (date_from totals counted again).',
        ],
      };
    } finally {
      await counting.close();
      await bench.stop();
    }
  },
};
