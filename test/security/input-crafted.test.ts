import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureLogs, type LogCapture } from '../support/log-capture';
import type { AttackNetwork, AttackParty } from './support/attack-network';
import {
  brokenAnswer,
  explainServerError,
  mustAnswerAdmin,
  mustAnswerOcpi,
  statusCodeOf,
} from './support/judge';
import { asParty } from './support/party-request';
import { inParallel, type ProbeAnswer, probe, tokenHeader } from './support/probe';
import { failed, REFUSED, Scoreboard, type Verdict } from './support/scoreboard';
import { startInputNetwork, type WriteEndpoint } from './support/write-endpoints';

/**
 * Hand-made bad input, black-box: broken JSON text and oversized bodies on every write endpoint (the
 * chunked ones without Content-Length), ids and party ids that traverse paths, smuggle encoded slashes
 * or run to thousands of characters, very long partner ids and routing headers, and bad query values on
 * every list. Every answer must be a 4xx or an OCPI 2xxx in the envelope, never a 5xx or a stack trace.
 */
const board = new Scoreboard('input', 'crafted');

const MALFORMED = [
  '',
  ' ',
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":1e999}',
  '{"a":undefined}',
  '{"a":"\\ud800"}',
  '{"a":"\\x00"}',
  '\ufeff{}',
  '/* c */{}',
  'null',
  '[]',
  '"{}"',
  '0',
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
];

const BAD_IDS = [
  '..',
  '.',
  '..%2F..%2Fadmin%2Fpartners',
  '%2e%2e%2f%2e%2e%2fadmin',
  'a%2Fb',
  'a%5Cb',
  '%00',
  'a%00b',
  '%ZZ',
  '%C0%AF',
  '%E9',
  '%F0%9F%94%A5',
  '%20',
  'a%3Fb%3Dc',
  'a%23b',
  'x'.repeat(37),
  'x'.repeat(1_000),
  'x'.repeat(8_000),
  '%252F',
  'null',
  '__proto__',
  'constructor',
];

describe('attack: input, crafted', { timeout: 120_000 }, () => {
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

  const ac1 = () => net.party('alpha/AC1');
  const ae1 = () => net.party('alpha/AE1');
  const judgeFor =
    (api: 'ocpi' | 'admin', alsoRefusal: number[] = []) =>
    (answer: ProbeAnswer) => {
      const code = statusCodeOf(answer);
      if (api === 'ocpi' && code !== undefined && alsoRefusal.includes(code) && !brokenAnswer(answer, 'ocpi'))
        return REFUSED;
      return explainServerError(
        api === 'ocpi' ? mustAnswerOcpi(answer) : mustAnswerAdmin(answer),
        answer,
        logs.lines,
      );
    };
  /** Must be refused: a 4xx or 2xxx (a body that is no JSON is never served). */
  const refusedFor = (api: 'ocpi' | 'admin', alsoRefusal?: number[]) => (answer: ProbeAnswer) => {
    const verdict = judgeFor(api, alsoRefusal)(answer);
    return verdict.outcome === 'served'
      ? failed(`served: HTTP ${answer.status} ${answer.text.slice(0, 120)}`)
      : verdict;
  };

  const sendBody = (endpoint: WriteEndpoint, id: string, body: string | Buffer, chunked = false) => {
    if (endpoint.api === 'admin')
      return probe({
        method: endpoint.method,
        url: `${net.hub.url}${endpoint.path(id)}`,
        headers: { Authorization: `Bearer ${net.adminToken('alpha')}`, 'Content-Type': 'application/json' },
        body,
        chunked,
      });
    const who = endpoint.who as AttackParty;
    const path = endpoint.path(id);
    return probe({
      method: endpoint.method,
      url: net.ocpiUrl('alpha', path),
      headers: {
        Authorization: tokenHeader(endpoint.token ?? (who.platform.hubToken as string)),
        'Content-Type': 'application/json',
        ...(path === '/credentials'
          ? {}
          : { 'OCPI-from-country-code': 'NL', 'OCPI-from-party-id': who.party.party_id }),
      },
      body,
      chunked,
    });
  };

  it('refuses broken JSON text on every write endpoint', async () => {
    const group = 'malformed JSON';
    const cases = endpoints.flatMap((endpoint) => MALFORMED.map((text, i) => ({ endpoint, text, i })));
    await inParallel(cases, 8, async ({ endpoint, text, i }) => {
      const answer = await sendBody(endpoint, `MAL${i}X`, text);
      // JSON values that are no object are judged like any body (served only if valid); everything
      // else, the prototype-key bodies included (2001 naming the key), must be refused.
      // A DELETE reads no body (OCPI DELETEs have none): it must survive one, not refuse it.
      const judge =
        /^(null|\[\]|"\{\}"|0)$/.test(text) || endpoint.method === 'DELETE' ? judgeFor : refusedFor;
      board.record(
        group,
        `${endpoint.name}: ${JSON.stringify(text.slice(0, 30))}`,
        judge(endpoint.api, endpoint.alsoRefusal)(answer),
      );
    });
    expect(board.failures(group)).toEqual([]);
  });

  it('refuses bodies over 1 MB with 413, declared or streamed without Content-Length', async () => {
    const group = 'oversized bodies';
    const big = Buffer.from(`{"padding":"${'x'.repeat(1024 * 1024)}"}`);
    await inParallel(endpoints, 4, async (endpoint) => {
      const answer = await sendBody(endpoint, 'BIG1X', big);
      // A DELETE never reads its body, so nothing is buffered: any clean answer will do.
      const verdict =
        endpoint.method === 'DELETE'
          ? judgeFor(endpoint.api, endpoint.alsoRefusal)(answer)
          : exactly413(answer, endpoint.api);
      board.record(group, `${endpoint.name}: 1 MB + 14 bytes with Content-Length`, verdict);
    });
    for (const endpoint of endpoints.filter((e) =>
      ['PUT location', 'POST CDR', 'PUT credentials', 'admin POST partner'].includes(e.name),
    )) {
      const answer = await sendBody(endpoint, 'BIG2X', Buffer.concat([big, big]), true);
      board.record(group, `${endpoint.name}: 2 MB chunked`, exactly413(answer, endpoint.api));
    }
    expect(board.failures(group)).toEqual([]);
  });

  it('answers path traversal, encoded slashes and overlong ids in every id segment with a 4xx or 2xxx', async () => {
    const group = 'ids in the URL';
    const loc = '/receiver/locations/NL/AC1';
    const targets: Array<[string, AttackParty, string, (id: string) => string, 'GET' | 'PUT' | 'POST']> = [
      ['location id', ac1(), 'PUT', (id) => `${loc}/${id}`, 'PUT'],
      ['EVSE uid', ac1(), 'GET', (id) => `${loc}/LOC-A1/${id}`, 'GET'],
      ['connector id', ac1(), 'GET', (id) => `${loc}/LOC-A1/3256/${id}`, 'GET'],
      ['tariff id', ac1(), 'GET', (id) => `/receiver/tariffs/NL/AC1/${id}`, 'GET'],
      ['token uid', ae1(), 'GET', (id) => `/receiver/tokens/NL/AE1/${id}`, 'GET'],
      ['session id', ac1(), 'PUT', (id) => `/receiver/sessions/NL/AC1/${id}`, 'PUT'],
      ['country code', ac1(), 'GET', (id) => `/receiver/locations/${id}/AC1/LOC-A1`, 'GET'],
      ['party id', ac1(), 'GET', (id) => `/receiver/locations/NL/${id}/LOC-A1`, 'GET'],
      ['location id (sender)', ae1(), 'GET', (id) => `/sender/locations/${id}`, 'GET'],
      ['CDR locator', ac1(), 'GET', (id) => `/sender/cdrs/${id}`, 'GET'],
      ['command', ae1(), 'POST', (id) => `/receiver/commands/${id}`, 'POST'],
      ['command result id', ac1(), 'POST', (id) => `/sender/commands/${id}`, 'POST'],
      [
        'charging profile session id',
        ae1(),
        'GET',
        (id) => `/receiver/chargingprofiles/${id}?duration=60&response_url=http%3A%2F%2F127.0.0.1%2Fx`,
        'GET',
      ],
      ['token uid (authorize)', ac1(), 'POST', (id) => `/sender/tokens/${id}/authorize`, 'POST'],
    ];
    const cases = targets.flatMap((t) => BAD_IDS.map((id) => ({ t, id })));
    await inParallel(cases, 8, async ({ t: [what, who, method, path], id }) => {
      const body = method === 'GET' ? undefined : JSON.stringify({ id, result: 'ACCEPTED' });
      const answer = await asParty(net, who, method, path(id), body === undefined ? {} : { body });
      board.record(
        group,
        `${what}: ${id.slice(0, 40)}${id.length > 40 ? `… (${id.length})` : ''}`,
        // A charging profile is routed by its session: an id naming no session leaves the hub without
        // a receiver, which is 4001 (ocpi-notes §3), a refusal like 2001.
        judgeFor('ocpi', what === 'charging profile session id' ? [4001] : [])(answer),
      );
    });
    expect(board.failures(group)).toEqual([]);
  });

  it('answers very long partner ids, routing headers and request ids with a 4xx or 2xxx', async () => {
    const group = 'long ids and headers';
    const long = (n: number) => 'P'.repeat(n);
    const admin = (method: string, path: string) =>
      probe({
        method,
        url: `${net.hub.url}/alpha/admin${path}`,
        headers: { Authorization: `Bearer ${net.adminToken('alpha')}`, 'Content-Type': 'application/json' },
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      });
    for (const n of [65, 300, 5_000]) {
      for (const [method, path] of [
        ['GET', `/partners/${long(n)}`],
        ['DELETE', `/partners/${long(n)}`],
        ['POST', `/partners/${long(n)}/rotate`],
        ['POST', `/partners/${long(n)}/token-a`],
        ['POST', `/partners/${long(n)}/connect`],
        ['GET', `/deliveries?partner=${long(n)}`],
        ['POST', `/deliveries/${long(n)}/replay`],
        ['DELETE', `/tokens/${long(n)}`],
      ] as const)
        board.record(
          group,
          `admin ${method} ${path.slice(0, 30)}… (${n})`,
          judgeFor('admin')(await admin(method, path)),
        );
      for (const header of [
        'OCPI-from-party-id',
        'OCPI-to-party-id',
        'OCPI-from-country-code',
        'X-Request-ID',
        'X-Correlation-ID',
      ]) {
        const answer = await asParty(net, ae1(), 'GET', '/sender/locations', {
          headers: {
            [header]: long(n),
            ...(header.startsWith('OCPI-to') ? { 'OCPI-to-country-code': 'NL' } : {}),
          },
        });
        board.record(group, `${header} of ${n} characters`, judgeFor('ocpi')(answer));
      }
    }
    expect(board.failures(group)).toEqual([]);
  });

  it('answers bad query values on every list with a 4xx or 2xxx naming the parameter', async () => {
    const group = 'query parameters';
    const lists: Array<[string, AttackParty, string]> = [
      ['locations', ae1(), '/sender/locations'],
      ['tariffs', ae1(), '/sender/tariffs'],
      ['tokens', ac1(), '/sender/tokens'],
      ['sessions', ae1(), '/sender/sessions'],
      ['cdrs', ae1(), '/sender/cdrs'],
      ['hubclientinfo', ae1(), '/hubclientinfo'],
    ];
    const queries = [
      'date_from=2024-02-01T00:00:00Z&date_to=2024-01-01T00:00:00Z',
      'date_from=2024-01-01T00:00:00Z&date_to=2024-01-01T00:00:00Z',
      'date_from=yesterday',
      'date_from=2024-13-45T99:99:99Z',
      'date_to=99999-01-01T00:00:00Z',
      'limit=-1',
      'limit=abc',
      'limit=1e9',
      'limit=99999999999999999999',
      'offset=-5',
      'offset=1e20',
      'offset=99999999999999999999',
      'limit=1&limit=2',
      'date_from[]=x',
      'cursor=',
    ];
    const cases = lists.flatMap((l) => queries.map((q) => ({ l, q })));
    await inParallel(cases, 8, async ({ l: [name, who, path], q }) => {
      const since =
        /sessions|cdrs/.test(name) && !q.startsWith('date_from') ? 'date_from=2020-01-01T00:00:00Z&' : '';
      const answer = await asParty(net, who, 'GET', `${path}?${since}${q}`, {
        from: name === 'hubclientinfo' ? false : undefined,
      });
      board.record(group, `${name}?${q}`, namesParameter(judgeFor('ocpi')(answer), answer, q));
    });
    expect(board.failures(group)).toEqual([]);
  });
});

function exactly413(answer: ProbeAnswer, api: 'ocpi' | 'admin'): Verdict {
  const broken = brokenAnswer(answer, api);
  if (broken) return failed(broken);
  return answer.status === 413 ? REFUSED : failed(`HTTP ${answer.status}, expected 413`);
}

/** A 2001 about a query must name the parameter it refuses (date_to before date_from names one of them). */
function namesParameter(verdict: Verdict, answer: ProbeAnswer, query: string): Verdict {
  if (verdict.outcome !== 'refused' || statusCodeOf(answer) !== 2001) return verdict;
  const message = String((answer.json as { status_message?: string }).status_message ?? '');
  const names = [...new Set(query.split('&').map((p) => p.split('=')[0]?.replace('[]', '') ?? ''))];
  return names.some((n) => message.includes(n))
    ? verdict
    : failed(`2001 without naming ${names.join('/')}: ${message}`);
}
