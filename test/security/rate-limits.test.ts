import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttackNetwork, type AttackParty, startAttackNetwork } from './support/attack-network';
import { type ProbeAnswer, probe, tokenHeader } from './support/probe';
import { failed, REFUSED, Scoreboard, SERVED, type Verdict } from './support/scoreboard';

/**
 * Rate limits, black-box: floods of bad tokens and of one partner's requests against a tenant with
 * low limits. Every answer past a limit must be HTTP 429 with `Retry-After` and the OCPI envelope
 * (or the admin error shape), never a 401 that lets guessing go on, never a 5xx; a partner of
 * another tenant and another partner of the same tenant keep being served meanwhile.
 */
const board = new Scoreboard('rate-limits');

const LIMITS = { partnerPerMinute: 20, failedAuthPerIpPerMinute: 10, failedAuthPerTenantPerMinute: 40 };
const FLOOD = 60;

/** The clock stands still: no bucket refills during the flood, so every verdict is exact. */
const frozenNow = Date.now();

function throttled(answer: ProbeAnswer, shape: 'ocpi' | 'admin'): Verdict {
  if (answer.status >= 500) return failed(`HTTP ${answer.status}`);
  if (answer.status !== 429) return failed(`HTTP ${answer.status} past the limit, not 429`);
  const retryAfter = Number(answer.headers['retry-after']);
  if (!Number.isInteger(retryAfter) || retryAfter <= 0) return failed('429 without a usable Retry-After');
  const body = answer.json as { status_code?: number; error?: { code?: string } } | undefined;
  if (shape === 'ocpi' && typeof body?.status_code !== 'number')
    return failed('429 without the OCPI envelope');
  if (shape === 'admin' && typeof body?.error?.code !== 'string')
    return failed('429 without the admin error shape');
  return REFUSED;
}

function underLimit(answer: ProbeAnswer, expected: number): Verdict {
  if (answer.status === expected) return expected < 300 ? SERVED : REFUSED;
  return failed(`HTTP ${answer.status} under the limit, expected ${expected}`);
}

/**
 * Scores a flood: answers before the first 429 are judged as under the limit, every answer from the
 * first 429 on must be throttled, and the first 429 must come by the `limit`-th request at the latest
 * (earlier requests of the same caller, e.g. its handshake, may have used part of the budget).
 */
function scoreFlood(
  group: string,
  answers: ProbeAnswer[],
  limit: number,
  expectedUnder: number,
  shape: 'ocpi' | 'admin',
): void {
  const first429 = answers.findIndex((a) => a.status === 429);
  answers.forEach((answer, i) => {
    const past = first429 >= 0 && i >= first429;
    board.record(group, `request ${i}`, past ? throttled(answer, shape) : underLimit(answer, expectedUnder));
  });
  if (first429 < 0 || first429 > limit)
    board.record(group, 'the limit holds', failed(`first 429 at request ${first429} of a limit of ${limit}`));
}

describe('attack: rate limits', { timeout: 120_000 }, () => {
  let net: AttackNetwork;
  let flooder: AttackParty;
  let neighbour: AttackParty;
  let elsewhere: AttackParty;

  beforeAll(async () => {
    net = await startAttackNetwork({
      now: () => frozenNow,
      tenants: [
        {
          id: 'flood',
          parties: [
            ['CPO', 'RL1'],
            ['EMSP', 'RL2'],
          ],
          rateLimits: LIMITS,
        },
        { id: 'calm', parties: [['CPO', 'RL3']] },
      ],
    });
    flooder = net.party('flood/RL1');
    neighbour = net.party('flood/RL2');
    elsewhere = net.party('calm/RL3');
  });
  afterAll(async () => {
    board.save();
    await net?.close();
  });

  const versionsAs = (tenant: string, token: string, localAddress = '127.0.0.1') =>
    probe({
      method: 'GET',
      url: net.hub.versionsUrl(tenant),
      headers: { Authorization: tokenHeader(token) },
      localAddress,
    });

  it('throttles a flood of bad tokens from one address, on the OCPI and the admin API', async () => {
    const group = 'failed authentication per address';
    const answers: ProbeAnswer[] = [];
    for (let i = 0; i < FLOOD; i++) answers.push(await versionsAs('flood', `guess-${i}`, '127.0.0.2'));
    scoreFlood(group, answers, LIMITS.failedAuthPerIpPerMinute, 401, 'ocpi');
    const admin = await probe({
      method: 'GET',
      url: `${net.hub.url}/flood/admin/partners`,
      headers: { Authorization: 'Bearer guessed-admin-token-0123456789' },
      localAddress: '127.0.0.2',
    });
    board.record(group, 'admin guess past the limit', throttled(admin, 'admin'));
    expect(board.failures(group)).toEqual([]);
  });

  it('throttles a flood of bad tokens spread over many addresses per tenant', async () => {
    const group = 'failed authentication per tenant';
    // Nine guesses per address: no address reaches its own limit, only the tenant's. Past the tenant's
    // budget, an address that never failed still gets its first token looked up (a real partner's
    // unseen token must not be locked out by someone else's spray); its next guesses are throttled.
    const answers: ProbeAnswer[] = [];
    const firstOfAddress: boolean[] = [];
    for (let i = 0; i < FLOOD; i++) {
      answers.push(await versionsAs('flood', `spread-${i}`, `127.0.1.${10 + Math.floor(i / 9)}`));
      firstOfAddress.push(i % 9 === 0);
    }
    const first429 = answers.findIndex((a) => a.status === 429);
    answers.forEach((answer, i) => {
      const past = first429 >= 0 && i >= first429 && !firstOfAddress[i];
      board.record(group, `guess ${i}`, past ? throttled(answer, 'ocpi') : underLimit(answer, 401));
    });
    if (first429 < 0 || first429 > LIMITS.failedAuthPerTenantPerMinute)
      board.record(group, 'the limit holds', failed(`first 429 at guess ${first429}`));
    expect(board.failures(group)).toEqual([]);
  });

  it("throttles one partner's flood while its neighbour and another tenant's partner are served", async () => {
    const group = 'one partner flooding';
    const token = flooder.platform.hubToken as string;
    const answers: ProbeAnswer[] = [];
    for (let i = 0; i < FLOOD; i++) answers.push(await versionsAs('flood', token));
    scoreFlood(group, answers, LIMITS.partnerPerMinute, 200, 'ocpi');
    const bystanders = 'bystanders during the flood';
    const neighbourAnswer = await versionsAs('flood', neighbour.platform.hubToken as string);
    board.record(bystanders, 'the same tenant, another partner', underLimit(neighbourAnswer, 200));
    const elsewhereAnswer = await versionsAs('calm', elsewhere.platform.hubToken as string);
    board.record(bystanders, 'another tenant', underLimit(elsewhereAnswer, 200));
    expect(board.failures(group)).toEqual([]);
    expect(board.failures(bystanders)).toEqual([]);
  });
});
