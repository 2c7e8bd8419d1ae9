import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenOf as chargingTokenOf } from '../hub/charging/charging-fixtures';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { type AttackNetwork, type AttackParty, startAttackNetwork } from './support/attack-network';
import { asParty } from './support/party-request';
import { type ProbeAnswer, probe, tokenHeader } from './support/probe';
import { failed, REFUSED, Scoreboard, type Verdict } from './support/scoreboard';
import { dumpTenantTable } from './support/table-dump';

/**
 * Secrets, black-box: after handshakes, rotations from both sides, a new token A, admin tokens created
 * and revoked, and a sweep of reads, writes and failed authentications (at DEBUG, the chattiest log
 * level), no token of any kind appears raw or in base64 in the tenant table, in any log line or in any
 * answer other than the one that hands it out; and no token UID (an RFID number) appears in a log line.
 */
const board = new Scoreboard('secrets');

/** Every form a token could take in a dump, a log line or an answer. */
const formsOf = (token: string) => [
  token,
  Buffer.from(token).toString('base64'),
  Buffer.from(token).toString('base64url'),
];

/** RFID numbers of the eMSP's tokens: personal data that must stay out of the logs. */
const UIDS = ['04A2B3C4D5E6F7', '04FF00EE11DD22', '0499887766554433'];

describe('attack: secrets', { timeout: 120_000 }, () => {
  let net: AttackNetwork;
  let logs: LogCapture;
  let sc1: AttackParty;
  let se1: AttackParty;
  /** Every token that existed, with what it was. */
  const secrets = new Map<string, string>();
  /** Answers that are not the one handing a token out: none may carry any token. */
  const answers: ProbeAnswer[] = [];

  const keep = (what: string, token: string | undefined) => {
    if (token) secrets.set(token, what);
  };
  const keepParty = (what: string, party: AttackParty) => {
    keep(`${what}: ${party.party.party_id}'s token for the hub`, party.platform.hubToken);
    keep(`${what}: the hub's token for ${party.party.party_id}`, party.platform.inboundToken);
  };
  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await probe({
      method,
      url: `${net.hub.url}/alpha/admin${path}`,
      headers: { Authorization: `Bearer ${net.adminToken('alpha')}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return answer;
  };

  beforeAll(async () => {
    logs = captureLogs();
    net = await startAttackNetwork({
      tenants: [
        {
          id: 'alpha',
          parties: [
            ['CPO', 'SC1'],
            ['EMSP', 'SE1'],
          ],
        },
      ],
      logLevel: 'DEBUG',
    });
    sc1 = net.party('alpha/SC1');
    se1 = net.party('alpha/SE1');
    keep('admin token', net.adminToken('alpha'));
    keepParty('after the handshake', sc1);
    keepParty('after the handshake', se1);

    // Rotations from both sides, and a new token A that is never used.
    await sc1.platform.rotate();
    keepParty('after the partner rotated', sc1);
    expect((await admin('POST', `/partners/${se1.partnerId}/rotate`)).status).toBe(200);
    keepParty('after the hub rotated', se1);
    const planned = await net.hub.admin('POST', '/partners', {
      name: 'planned',
      roles: [{ role: 'CPO', country_code: 'NL', party_id: 'SP1' }],
    });
    keep('token A of a planned partner', planned.body.token_a);
    const reissued = await admin('POST', `/partners/${planned.body.id}/token-a`);
    keep('a reissued token A', (reissued.json as { token_a?: string }).token_a);
    const created = await admin('POST', '/tokens', { name: 'ops' });
    const adminToken = created.json as { id: string; token: string };
    keep('a created admin token', adminToken.token);
    await admin('DELETE', `/tokens/${adminToken.id}`);

    // The sweep: reads, writes of tokens with their UIDs, authorizations, failed authentications.
    const ocpi = async (
      who: AttackParty,
      method: string,
      path: string,
      opts: Parameters<typeof asParty>[4] = {},
    ) => answers.push(await asParty(net, who, method, path, opts));
    for (const uid of UIDS) {
      await ocpi(se1, 'PUT', `/receiver/tokens/NL/SE1/${uid}`, { body: chargingTokenOf(se1.party, uid) });
      await ocpi(se1, 'GET', `/receiver/tokens/NL/SE1/${uid}`);
      await ocpi(se1, 'PATCH', `/receiver/tokens/NL/SE1/${uid}`, {
        body: { valid: false, last_updated: '2024-06-01T00:00:00Z' },
      });
      await ocpi(sc1, 'POST', `/sender/tokens/${uid}/authorize`);
      await ocpi(sc1, 'GET', `/receiver/tokens/NL/SE1/${uid}`);
      // Failed authentication on the tokens paths: its security event must not carry the UID.
      answers.push(
        await probe({
          method: 'GET',
          url: net.ocpiUrl('alpha', `/receiver/tokens/NL/SE1/${uid}`),
          headers: { Authorization: tokenHeader('an-unknown-token-of-an-attacker') },
        }),
      );
      await ocpi(se1, 'DELETE', `/receiver/tokens/NL/SE1/${uid}`);
    }
    await ocpi(sc1, 'GET', '/sender/tokens');
    for (const path of [
      '/partners',
      `/partners/${sc1.partnerId}`,
      `/partners/${planned.body.id}`,
      '/tokens',
      '/deliveries',
    ])
      answers.push(await admin('GET', path));
    for (const [what, token] of secrets)
      if (!what.includes('admin'))
        answers.push(
          await probe({
            method: 'GET',
            url: net.hub.versionsUrl('alpha'),
            headers: { Authorization: tokenHeader(token) },
          }),
        );
  });

  afterAll(async () => {
    board.save();
    await net?.close();
  });

  const absent = (text: string, token: string): Verdict => {
    const found = formsOf(token).find((form) => text.includes(form));
    return found === undefined ? REFUSED : failed(`found as ${found === token ? 'raw text' : 'base64'}`);
  };

  it('keeps no token in the tenant table', async () => {
    const group = 'table dump';
    const dump = await dumpTenantTable(net.hub, 'alpha');
    expect(dump.items).toBeGreaterThan(5);
    expect(secrets.size).toBeGreaterThanOrEqual(10);
    for (const [token, what] of secrets) board.record(group, what, absent(dump.text, token));
    expect(board.failures(group)).toEqual([]);
  });

  it('writes no token and no token UID to any log line', () => {
    const group = 'log lines';
    const text = logs.text();
    expect(logs.lines().length).toBeGreaterThan(50);
    expect(text).toContain('credentials_rotated');
    expect(text).toContain('ocpi_auth_failed');
    for (const [token, what] of secrets) board.record(group, what, absent(text, token));
    board.record(
      group,
      'Authorization headers',
      /"authorization":"(Token|Bearer)/i.test(text) ? failed('an Authorization header was logged') : REFUSED,
    );
    for (const uid of UIDS)
      board.record(
        group,
        `token UID ${uid}`,
        text.includes(uid) ? failed('the UID is in a log line') : REFUSED,
      );
    expect(board.failures(group)).toEqual([]);
  });

  it('shows no token in any answer but the one handing it out', () => {
    const group = 'answers';
    const text = answers.map((a) => `${JSON.stringify(a.headers)}\n${a.text}`).join('\n');
    expect(answers.length).toBeGreaterThan(30);
    for (const [token, what] of secrets) board.record(group, what, absent(text, token));
    expect(board.failures(group)).toEqual([]);
  });
});
