import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttackParty } from './support/attack-network';
import { mustAnswerOcpi, mustNotServe, mustRefuseOcpi, statusCodeOf } from './support/judge';
import { asParty, dataOf, nextLink, type PartyRequestOptions } from './support/party-request';
import type { ProbeAnswer } from './support/probe';
import { failed, REFUSED, Scoreboard, SERVED, type Verdict } from './support/scoreboard';
import { ALPHA_PARTIES, type SeededNetwork, startSeededNetwork } from './support/seeded-network';

/**
 * Isolation of lists, black-box: next-page links (the hub's own cursors and the `?link=` of forwarded
 * pulls) followed by another party or another tenant, reused on another list, or tampered with.
 */
const board = new Scoreboard('isolation', 'pages');

const { AC1, AC2, AE1 } = ALPHA_PARTIES;
/** Object ids of alpha: none may show up where its owner (or its eMSP) is not the reader. */
const ALPHA_ID = /"(LOC|TAR|TOK|SES|CDR)-A\d"/;

describe('attack: isolation of page links', { timeout: 120_000 }, () => {
  let s: SeededNetwork;
  const links = {} as Record<'sessions' | 'cdrs' | 'locations' | 'tariffs' | 'tokens' | 'forwarded', string>;

  beforeAll(async () => {
    s = await startSeededNetwork();
    s.ac1.platform.seed(
      'locations',
      [1, 2, 3].map((i) => ({
        country_code: 'NL',
        party_id: 'AC1',
        id: `FWD-${i}`,
        last_updated: `2024-05-0${i}T10:00:00Z`,
      })),
    );
    s.ac1.platform.setPageLimit(1);
    const first = async (
      module: keyof typeof links,
      who: AttackParty,
      path: string,
      opts: PartyRequestOptions = {},
    ) => {
      const answer = await asParty(s.net, who, 'GET', path, opts);
      const link = nextLink(answer);
      expect(link, `no next page for ${module}: ${answer.status} ${answer.text.slice(0, 300)}`).toBeDefined();
      links[module] = link as string;
    };
    await first('sessions', s.ae1, '/sender/sessions?limit=1&date_from=2020-01-01T00:00:00Z');
    await first('cdrs', s.ae1, '/sender/cdrs?limit=1&date_from=2020-01-01T00:00:00Z');
    await first('locations', s.ae1, '/sender/locations?limit=1');
    await first('tariffs', s.ae1, '/sender/tariffs?limit=1');
    await first('tokens', s.ac1, '/sender/tokens?limit=1');
    await first('forwarded', s.ae1, '/sender/locations', { to: AC1 });
  });

  afterAll(async () => {
    board.save();
    await s?.net.close();
  });

  const follow = (who: AttackParty, url: string, opts: PartyRequestOptions = {}) =>
    asParty(s.net, who, 'GET', url, opts);
  const onBeta = (url: string) => url.replace('/alpha/ocpi/', '/beta/ocpi/');

  /** Served or refused, but no object of alpha in the answer. */
  const showsNoAlphaObject = (answer: ProbeAnswer): Verdict => {
    const verdict = mustAnswerOcpi(answer);
    if (verdict.outcome === 'failed') return verdict;
    return ALPHA_ID.test(answer.text)
      ? failed(`alpha objects in the answer: ${answer.text.slice(0, 200)}`)
      : REFUSED;
  };
  /** Served or refused, but only sessions/CDRs of the reader's own tokens. */
  const onlyOwnOf =
    (who: AttackParty) =>
    (answer: ProbeAnswer): Verdict => {
      const verdict = mustAnswerOcpi(answer);
      if (verdict.outcome === 'failed') return verdict;
      const items = (dataOf(answer) ?? []) as Array<{ id?: string; cdr_token?: { party_id?: string } }>;
      const foreign = items.filter((i) => i.cdr_token?.party_id !== who.party.party_id);
      return foreign.length > 0 ? failed(`sees ${foreign.map((i) => i.id).join(', ')}`) : REFUSED;
    };

  it("gives another party or tenant nothing of the sessions and CDRs behind a reader's next-page link", async () => {
    const group = 'cursor reuse';
    for (const module of ['sessions', 'cdrs'] as const) {
      const link = links[module];
      const cases: Array<[string, Promise<ProbeAnswer>, (a: ProbeAnswer) => Verdict]> = [
        [`AE2 follows AE1's ${module} link`, follow(s.ae2, link), onlyOwnOf(s.ae2)],
        [
          `AE2 claiming to be AE1 follows AE1's ${module} link`,
          follow(s.ae2, link, { from: AE1 }),
          mustRefuseOcpi,
        ],
        [`AC2 follows AE1's ${module} link`, follow(s.ac2, link), showsNoAlphaObject],
        [`BE1 follows AE1's ${module} link on beta`, follow(s.be1, onBeta(link)), showsNoAlphaObject],
        [`BE1 follows AE1's ${module} link on alpha`, follow(s.be1, link), mustRefuseOcpi],
      ];
      for (const [name, answer, judge] of cases) board.record(group, name, judge(await answer));
    }
    for (const module of ['locations', 'tariffs', 'tokens'] as const) {
      const reader = module === 'tokens' ? s.bc1 : s.be1;
      board.record(
        group,
        `${reader.party.party_id} follows alpha's ${module} link on beta`,
        showsNoAlphaObject(await follow(reader, onBeta(links[module]))),
      );
    }
    // A cursor names its list and filters: on another list, or with other filters, it is refused.
    const cursorOf = (url: string) => new URL(url).searchParams.get('cursor') ?? '';
    const elsewhere: Array<[string, AttackParty, string]> = [
      [
        'locations cursor on the tariffs list',
        s.ae1,
        `/sender/tariffs?limit=1&cursor=${encodeURIComponent(cursorOf(links.locations))}`,
      ],
      [
        'tariffs cursor on the locations list',
        s.ae1,
        `/sender/locations?limit=1&cursor=${encodeURIComponent(cursorOf(links.tariffs))}`,
      ],
      [
        'locations cursor with another date_from',
        s.ae1,
        `/sender/locations?limit=1&date_from=2020-01-01T00:00:00Z&cursor=${encodeURIComponent(cursorOf(links.locations))}`,
      ],
      [
        'sessions cursor on the CDRs list',
        s.ae1,
        `/sender/cdrs?limit=1&date_from=2020-01-01T00:00:00Z&cursor=${encodeURIComponent(cursorOf(links.sessions))}`,
      ],
      [
        'CDRs cursor on the sessions list',
        s.ae1,
        `/sender/sessions?limit=1&date_from=2020-01-01T00:00:00Z&cursor=${encodeURIComponent(cursorOf(links.cdrs))}`,
      ],
      [
        "AE1's sessions cursor on AE2's sessions list",
        s.ae2,
        `/sender/sessions?limit=1&date_from=2020-01-01T00:00:00Z&cursor=${encodeURIComponent(cursorOf(links.sessions))}`,
      ],
    ];
    for (const [name, who, path] of elsewhere)
      board.record(group, name, namesCursor(await follow(who, path), onlyOwnOf(who)));
    expect(board.failures(group)).toEqual([]);
  });

  it('refuses tampered cursors with 2001 naming the cursor, on every list', async () => {
    const group = 'tampered cursors';
    const readers: Record<string, AttackParty> = {
      sessions: s.ae1,
      cdrs: s.ae1,
      locations: s.ae1,
      tariffs: s.ae1,
      tokens: s.ac1,
    };
    for (const module of ['sessions', 'cdrs', 'locations', 'tariffs', 'tokens'] as const) {
      const url = new URL(links[module]);
      const cursor = url.searchParams.get('cursor') ?? '';
      for (const [name, tampered] of tamperings(cursor)) {
        url.searchParams.set('cursor', tampered);
        const answer = await follow(readers[module] as AttackParty, url.toString());
        board.record(group, `${module}: ${name}`, namesCursor(answer, mustRefuseOcpi));
      }
    }
    expect(board.tried(group)).toBeGreaterThanOrEqual(60);
    expect(board.failures(group)).toEqual([]);
  });

  it("refuses a forwarded pull's link to anyone but the party that started the pull", async () => {
    const group = 'Link reuse (forwarded pulls)';
    const link = links.forwarded;
    const id = new URL(link).searchParams.get('link') ?? '';
    const withId = (value: string) => {
      const url = new URL(link);
      url.searchParams.set('link', value);
      return url.toString();
    };
    const cases: Array<[string, Promise<ProbeAnswer>]> = [
      ["AE2 follows AE1's link", follow(s.ae2, link, { to: AC1 })],
      ["AE2 follows AE1's link without OCPI-to", follow(s.ae2, link)],
      ["AE2 claiming to be AE1 follows AE1's link", follow(s.ae2, link, { from: AE1, to: AC1 })],
      ["AC2 follows AE1's link", follow(s.ac2, link)],
      ["BE1 follows AE1's link on beta", follow(s.be1, onBeta(link), { to: AC1 })],
      ['AE1 follows its link towards another CPO', follow(s.ae1, link, { to: AC2 })],
      ...tamperings(id).map(([name, value]): [string, Promise<ProbeAnswer>] => [
        `AE1 follows a link id: ${name}`,
        follow(s.ae1, withId(value), { to: AC1 }),
      ]),
    ];
    for (const [name, answer] of cases) board.record(group, name, mustNotServe(await answer));
    // Control: the party that started the pull gets its next page, so refusals above are not blanket.
    const own = await follow(s.ae1, link, { to: AC1 });
    expect(statusCodeOf(own)).toBe(1000);
    expect(JSON.stringify(dataOf(own))).toContain('FWD-2');
    board.record(group, 'AE1 follows its own link (control)', SERVED);
    expect(board.failures(group)).toEqual([]);
  });
});

/** Forged variants of a cursor or link id: what an attacker holding one of its own would try. */
function tamperings(value: string): Array<[string, string]> {
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  const [body = '', signature = ''] = value.split('.');
  const decoded = (() => {
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  })();
  const forged = (change: Record<string, unknown>) =>
    Buffer.from(JSON.stringify({ ...decoded, ...change }), 'utf8').toString('base64url') +
    (signature ? `.${signature}` : '');
  const cases: Array<[string, string]> = [
    ['first character changed', flip(value, 0)],
    ['last character changed', flip(value, value.length - 1)],
    ['a character appended', `${value}x`],
    ['truncated by half', value.slice(0, Math.floor(value.length / 2))],
    ['an extra dotted part', `${value}.x`],
    ['not base64', '%%%not-a-cursor%%%'],
    ['5,000 characters', 'A'.repeat(5000)],
    ['a NUL byte', `${value}\u0000`],
    ['path traversal', '../../../admin/partners'],
    ['JSON in plain text', '{"pk":"PARTNER#x","sk":"x"}'],
  ];
  if (decoded) {
    cases.push(
      ['payload edited, signature kept', forged({ a: 'zzzz', sk: 'zzzz', gsi1sk: 'zzzz' })],
      ['payload pointing at another key', forged({ pk: 'ADMINTOKEN#x', sk: 'x', a: 'ADMINTOKEN#x' })],
      ['payload with wrong types', forged({ a: 5, sk: { S: 'x' }, gsi1sk: ['x'], pk: null })],
    );
  }
  return cases;
}

/** A refusal of a cursor must name the cursor (2001 naming the field); anything else is judged by `otherwise`. */
function namesCursor(answer: ProbeAnswer, otherwise: (a: ProbeAnswer) => Verdict): Verdict {
  const verdict = otherwise(answer);
  if (verdict.outcome !== 'refused' || statusCodeOf(answer) !== 2001) return verdict;
  const message = String((answer.json as { status_message?: string }).status_message ?? '');
  return /cursor/i.test(message) ? verdict : failed(`2001 without naming the cursor: ${message}`);
}
