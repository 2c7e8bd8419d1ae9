import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureLogs, type LogCapture } from '../support/log-capture';
import type { AttackNetwork, AttackParty } from './support/attack-network';
import { type GeneratedBody, generateBodies } from './support/body-generator';
import {
  brokenAnswer,
  explainServerError,
  mustAnswerAdmin,
  mustAnswerOcpi,
  statusCodeOf,
} from './support/judge';
import { asParty } from './support/party-request';
import { inParallel, type ProbeAnswer, probe } from './support/probe';
import { failed, REFUSED, Scoreboard, type Verdict } from './support/scoreboard';
import { dumpTenantTable } from './support/table-dump';
import { startInputNetwork, type WriteEndpoint } from './support/write-endpoints';

/**
 * Generated bodies over every write endpoint, black-box: valid bodies mutated by a seeded generator
 * (support/body-generator.ts) into wrong types, prototype keys, control characters, long strings,
 * deep nesting, huge numbers, thousands of fields, broken JSON and more. Every answer must be a 4xx
 * or an OCPI 2xxx in the envelope (1xxx when the mutant happens to be valid), never a 5xx or a stack
 * trace, and no refused body may be found in the table afterwards.
 */
const board = new Scoreboard('input', 'generated');

const SEED = 20_241_010;

describe('attack: input, generated bodies', { timeout: 120_000 }, () => {
  let net: AttackNetwork;
  let endpoints: WriteEndpoint[];
  let logs: LogCapture;

  beforeAll(async () => {
    logs = captureLogs();
    ({ net, endpoints } = await startInputNetwork());
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    board.save();
    await net?.close();
  });

  it('answers 2,000+ generated bodies over every write endpoint and DELETE route with a 4xx or an OCPI 2xxx, never a 5xx, and stores none it refused', async () => {
    const group = 'generated bodies';
    const jobs = endpoints.flatMap((endpoint, e) =>
      generateBodies(endpoint.base('ATK0X'), endpoint.count, SEED + e, `M${e}N`).map((body, i) => ({
        endpoint,
        body,
        id: `ATK${e}N${i}X`,
      })),
    );
    expect(jobs.length).toBeGreaterThanOrEqual(2_000);
    // Each body is built from its own base (fresh id) so a stored one can be found by id and marker.
    for (const job of jobs) job.body.text = job.body.text.replaceAll('ATK0X', job.id);
    const outcomes = await inParallel(jobs, 8, async ({ endpoint, body, id }) => {
      const answer = await send(endpoint, id, body);
      return { endpoint, body, verdict: explainServerError(judge(endpoint, answer), answer, logs.lines) };
    });
    // What was refused must not be in the table: neither its marker nor (for a fresh object) its id.
    const table = (await dumpTenantTable(net.hub, 'alpha')).text;
    for (const { endpoint, body, verdict } of outcomes) {
      let final = verdict;
      if (verdict.outcome === 'refused' && table.includes(`"${body.marker}`))
        final = failed(`refused but stored (${body.marker})`);
      board.record(group, `${endpoint.name} [${body.mutations.join('+')}]`, final);
    }
    board.record(group, 'Object.prototype after every prototype key', prototypeIsClean());
    expect(board.failures(group)).toEqual([]);
  }, 300_000);

  function send(endpoint: WriteEndpoint, id: string, body: GeneratedBody): Promise<ProbeAnswer> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (endpoint.api === 'admin') {
      headers.Authorization = `Bearer ${net.adminToken('alpha')}`;
      return probe({
        method: endpoint.method,
        url: `${net.hub.url}${endpoint.path(id)}`,
        headers,
        body: body.text,
      });
    }
    return asParty(net, endpoint.who as AttackParty, endpoint.method, endpoint.path(id), {
      body: body.text,
      ...(endpoint.path(id) === '/credentials' ? { from: false } : {}),
      ...(endpoint.token ? { token: endpoint.token } : {}),
    });
  }
});

function judge(endpoint: WriteEndpoint, answer: ProbeAnswer): Verdict {
  if (endpoint.api === 'admin') return mustAnswerAdmin(answer);
  const code = statusCodeOf(answer);
  if (code !== undefined && endpoint.alsoRefusal?.includes(code) && !brokenAnswer(answer, 'ocpi'))
    return REFUSED;
  return mustAnswerOcpi(answer);
}

function prototypeIsClean(): Verdict {
  const probeObject = {} as Record<string, unknown>;
  return probeObject.polluted === undefined && !Object.hasOwn(Object.prototype, 'polluted')
    ? REFUSED
    : failed('Object.prototype was polluted');
}
