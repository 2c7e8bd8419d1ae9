import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenOf as chargingTokenOf, sessionOf } from '../hub/charging/charging-fixtures';
import { locationOf } from '../hub/objects/object-fixtures';
import { type Canary, settle, startCanary } from '../outbound/loopback-servers';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { type AttackNetwork, type AttackParty, startAttackNetwork } from './support/attack-network';
import { brokenAnswer, mustRefuseAdmin, mustRefuseOcpi, statusCodeOf } from './support/judge';
import { asParty, isSuccess, statusOf } from './support/party-request';
import { type ProbeAnswer, probe, tokenHeader } from './support/probe';
import { type RoguePartner, rogueIdentity, startRoguePartner } from './support/rogue-partner';
import { failed, REFUSED, Scoreboard, type Verdict } from './support/scoreboard';

/**
 * SSRF, black-box: every place a caller hands the hub a URL it will call (the admin's connect, a
 * partner's credentials, the endpoints and redirects of a partner's own platform, a command's
 * response_url) gets the corpus of addresses the hub must never call. A loopback canary proves that
 * nothing connected; for the AWS link-local services (unreachable here) the hub's own
 * `outbound_url_refused` security event proves the guard refused before any connection.
 */
const board = new Scoreboard('ssrf');

/** Host names the hub's resolver answers in this test (no real DNS): the DNS forms of the corpus. */
const DNS: Record<string, string[]> = {
  'loopback.attack.test': ['127.0.0.1'],
  'mixed.attack.test': ['93.184.216.34', '127.0.0.1'],
  'private.attack.test': ['10.0.0.1'],
  'metadata.attack.test': ['169.254.169.254'],
  'ec2v6.attack.test': ['fd00:ec2::254'],
  'mapped.attack.test': ['::ffff:169.254.169.254'],
};

/** URLs that reach the canary on 127.0.0.1: refused where private addresses are not allowed. */
const loopbackCorpus = (port: number) => [
  `http://127.0.0.1:${port}/versions`,
  `http://127.1:${port}/versions`,
  `http://0x7f000001:${port}/versions`,
  `http://2130706433:${port}/versions`,
  `http://0177.0.0.1:${port}/versions`,
  `http://[::1]:${port}/versions`,
  `http://[::ffff:127.0.0.1]:${port}/versions`,
  `http://[::ffff:7f00:1]:${port}/versions`,
  `http://localhost:${port}/versions`,
  `http://loopback.attack.test:${port}/versions`,
  `http://mixed.attack.test:${port}/versions`,
  `http://private.attack.test:${port}/versions`,
  `http://u:p@127.0.0.1:${port}/versions`,
  `http://127.0.0.1:${port}@93.184.216.34/versions`,
];

/** Refused in every tenant, also where private addresses are allowed (issue #10, low findings). */
const ALWAYS_REFUSED = [
  'http://169.254.169.254/latest/meta-data/',
  'http://169.254.170.2/v2/credentials',
  'http://169.254.169.253/',
  'http://0xa9fea9fe/latest/meta-data/',
  'http://2852039166/latest/meta-data/',
  'http://0251.0376.0251.0376/latest/',
  'http://[fd00:ec2::254]/latest/meta-data/',
  'http://[::ffff:169.254.169.254]/latest/',
  'http://[::ffff:a9fe:a9fe]/latest/',
  'http://metadata.attack.test/latest/meta-data/',
  'http://ec2v6.attack.test/latest/',
  'http://mapped.attack.test/latest/',
];

/** Not HTTP at all: refused by the schema or the guard, never fetched. */
const OTHER_SCHEMES = [
  'file:///etc/passwd',
  'gopher://127.0.0.1:25/_HELO',
  'ftp://127.0.0.1/',
  'dict://127.0.0.1:11211/stat',
  'ldap://127.0.0.1/',
  'javascript:alert(1)',
  'data:text/plain,hello',
  '//127.0.0.1/versions',
  '/etc/passwd',
  'http://',
  'http:///versions',
];

describe('attack: SSRF', { timeout: 120_000 }, () => {
  let net: AttackNetwork;
  let canary: Canary;
  let rogue: RoguePartner;
  let logs: LogCapture;
  let oe1: AttackParty;

  beforeAll(async () => {
    logs = captureLogs();
    canary = await startCanary();
    rogue = await startRoguePartner();
    net = await startAttackNetwork({
      tenants: [
        // As a deployed tenant is: partners on the internet only.
        { id: 'strict', outbound: { allowHttp: true, allowPrivateAddresses: false } },
        // As the simulated partners need: loopback allowed, AWS link-local services still refused.
        {
          id: 'open',
          parties: [
            ['EMSP', 'OE1'],
            ['CPO', 'OC1'],
          ],
        },
      ],
      resolve: async (host) => DNS[host] ?? (host === 'localhost' ? ['127.0.0.1'] : []),
      logLevel: 'WARN',
    });
    oe1 = net.party('open/OE1');
    // A location and a session of OC1 for OE1, so commands and profiles get as far as the response_url.
    const oc1 = net.party('open/OC1');
    const OC1 = oc1.party;
    for (const [path, body] of [
      ['/receiver/locations/NL/OC1/LOC-O1', locationOf(OC1, 'LOC-O1')],
      ['/receiver/sessions/NL/OC1/SES-O1', sessionOf(OC1, oe1.party, 'SES-O1', { location_id: 'LOC-O1' })],
    ] as const) {
      const answer = await asParty(net, oc1, 'PUT', path, { body });
      expect(isSuccess(answer), `seeding ${path}: ${statusOf(answer)} ${answer.text}`).toBe(true);
    }
  });

  afterAll(async () => {
    board.save();
    await net?.close();
    await rogue?.close();
    await canary?.close();
  });

  const refusals = () => logs.securityEvents('outbound_url_refused').length;

  /** A new PLANNED partner of `tenant`: its id and token A. */
  async function plannedPartner(tenant: string, n: number): Promise<{ id: string; tokenA: string }> {
    const created = await net.hub.admin(
      'POST',
      '/partners',
      {
        name: `ssrf ${n}`,
        roles: [{ role: 'CPO', country_code: 'NL', party_id: `S${String(n).padStart(2, '0')}` }],
      },
      tenant,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { id: created.body.id, tokenA: created.body.token_a };
  }

  /** The admin's connect: the hub fetches `url` as the partner's versions URL. */
  const adminConnect = (tenant: string, partnerId: string, url: string) =>
    probe({
      method: 'POST',
      url: `${net.hub.url}/${tenant}/admin/partners/${partnerId}/connect`,
      headers: { Authorization: `Bearer ${net.adminToken(tenant)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ versions_url: url, token: 'token-c-of-the-partner-0123' }),
    });

  /** A partner's registration: the hub fetches the `url` of its credentials. */
  const credentialsPost = (tenant: string, tokenA: string, n: number, url: string) =>
    probe({
      method: 'POST',
      url: net.ocpiUrl(tenant, '/credentials'),
      headers: { Authorization: tokenHeader(tokenA), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        token: `token-b-of-the-partner-${n}`,
        url,
        roles: [
          {
            role: 'CPO',
            country_code: 'NL',
            party_id: `S${String(n).padStart(2, '0')}`,
            business_details: { name: 'SSRF' },
          },
        ],
      }),
    });

  /** Admin connect: refused in the admin shape (4xx, or 502 "the partner failed"); never 2xx or 500. */
  const adminRefused = (answer: ProbeAnswer): Verdict => {
    if (answer.status === 502 && !brokenAnswer({ ...answer, status: 400 }, 'admin')) return REFUSED;
    return mustRefuseAdmin(answer);
  };
  /** Credentials: refused in the envelope (2001, or 3001 "the partner's API is unusable"). */
  const ocpiRefused = (answer: ProbeAnswer): Verdict => {
    const code = statusCodeOf(answer);
    if (
      answer.status < 500 &&
      (code === 3001 || code === 3002 || code === 3003) &&
      !brokenAnswer(answer, 'ocpi')
    )
      return REFUSED;
    return mustRefuseOcpi(answer);
  };
  /** The verdict, unless the guard did not refuse it (no security event): then it may have connected. */
  const andGuardRefused = (answer: ProbeAnswer, verdict: Verdict, before: number): Verdict =>
    verdict.outcome === 'refused' && refusals() === before
      ? failed(`no outbound_url_refused event (answer ${answer.status} ${answer.text.slice(0, 160)})`)
      : verdict;

  it('calls no loopback, private or DNS-disguised address where private addresses are not allowed', async () => {
    const group = 'loopback and private forms (no private addresses)';
    let n = 0;
    for (const url of [...loopbackCorpus(canary.port), ...OTHER_SCHEMES]) {
      n++;
      const viaAdmin = await plannedPartner('strict', n);
      board.record(
        group,
        `admin connect ${url}`,
        adminRefused(await adminConnect('strict', viaAdmin.id, url)),
      );
      n++;
      const viaPartner = await plannedPartner('strict', n);
      board.record(
        group,
        `credentials ${url}`,
        ocpiRefused(await credentialsPost('strict', viaPartner.tokenA, n, url)),
      );
    }
    await settle();
    board.record(
      group,
      'canary connections',
      canary.connections() === 0 ? REFUSED : failed(`${canary.connections()} connections reached the canary`),
    );
    expect(board.failures(group)).toEqual([]);
  });

  it('refuses the AWS link-local services in every spelling, also where private addresses are allowed', async () => {
    const group = 'link-local services (private addresses allowed)';
    let n = 40;
    for (const url of ALWAYS_REFUSED) {
      n++;
      const viaAdmin = await plannedPartner('open', n);
      let before = refusals();
      const connected = await adminConnect('open', viaAdmin.id, url);
      board.record(
        group,
        `admin connect ${url}`,
        andGuardRefused(connected, adminRefused(connected), before),
      );
      n++;
      const viaPartner = await plannedPartner('open', n);
      before = refusals();
      const registered = await credentialsPost('open', viaPartner.tokenA, n, url);
      board.record(group, `credentials ${url}`, andGuardRefused(registered, ocpiRefused(registered), before));
    }
    expect(board.failures(group)).toEqual([]);
  });

  it("follows no redirect of a partner's platform and calls no link-local endpoint it advertises", async () => {
    const group = 'redirects and advertised endpoints';
    const canaryUrl = `http://127.0.0.1:${canary.port}/versions`;
    const before = canary.connections();
    let n = 70;
    for (const status of [301, 302, 303, 307, 308] as const) {
      rogue.on(`/redirect-${status}/ocpi/versions`, { redirect: canaryUrl, status });
      const url = `${rogue.baseUrl}/redirect-${status}/ocpi/versions`;
      n++;
      const viaAdmin = await plannedPartner('open', n);
      board.record(
        group,
        `admin connect, versions ${status} to the canary`,
        adminRefused(await adminConnect('open', viaAdmin.id, url)),
      );
      n++;
      const viaPartner = await plannedPartner('open', n);
      board.record(
        group,
        `credentials, versions ${status} to the canary`,
        ocpiRefused(await credentialsPost('open', viaPartner.tokenA, n, url)),
      );
    }
    await settle();
    board.record(
      group,
      'redirects not followed',
      canary.connections() === before ? REFUSED : failed('a redirect was followed to the canary'),
    );
    // Versions -> details of its own, whose credentials endpoint is a metadata address: the hub posts
    // its credentials there only if the guard lets it.
    for (const [i, target] of ALWAYS_REFUSED.slice(0, 6).entries()) {
      const versionsUrl = rogueIdentity(rogue, `meta${i}`, []);
      rogue.on(`/meta${i}/ocpi/2.2.1`, {
        data: {
          version: '2.2.1',
          endpoints: [
            { identifier: 'credentials', role: 'SENDER', url: target },
            {
              identifier: 'locations',
              role: 'RECEIVER',
              url: `${rogue.baseUrl}/meta${i}/ocpi/2.2.1/locations`,
            },
          ],
        },
      });
      n++;
      const viaAdmin = await plannedPartner('open', n);
      const beforeRefusals = refusals();
      const connected = await adminConnect('open', viaAdmin.id, versionsUrl);
      board.record(
        group,
        `admin connect, credentials endpoint at ${target}`,
        andGuardRefused(connected, adminRefused(connected), beforeRefusals),
      );
    }
    expect(board.failures(group)).toEqual([]);
  });

  it("refuses a response_url off the caller's own platform with 2001, before anyone calls it", async () => {
    const group = 'response_url';
    const targets = [...loopbackCorpus(canary.port), ...ALWAYS_REFUSED, ...OTHER_SCHEMES];
    for (const [i, url] of targets.entries()) {
      const startSession = await asParty(net, oe1, 'POST', '/receiver/commands/START_SESSION', {
        body: { response_url: url, token: chargingTokenOf(oe1.party, `TOK-${i}`), location_id: 'LOC-O1' },
      });
      board.record(group, `START_SESSION ${url}`, expect2001(startSession));
      const profile = await asParty(
        net,
        oe1,
        'GET',
        `/receiver/chargingprofiles/SES-O1?duration=60&response_url=${encodeURIComponent(url)}`,
      );
      board.record(group, `GET ActiveChargingProfile ${url}`, expect2001(profile));
    }
    await settle();
    board.record(
      group,
      'canary connections',
      canary.connections() === 0 ? REFUSED : failed('a response_url reached the canary'),
    );
    expect(board.failures(group)).toEqual([]);
  });
});

function expect2001(answer: ProbeAnswer): Verdict {
  const verdict = mustRefuseOcpi(answer);
  if (verdict.outcome !== 'refused') return verdict;
  return statusCodeOf(answer) === 2001 && /response_url/.test(answer.text)
    ? REFUSED
    : failed(`refused but not 2001 naming response_url: ${answer.text.slice(0, 160)}`);
}
