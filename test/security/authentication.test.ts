import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttackNetwork, startAttackNetwork } from './support/attack-network';
import { mustAnswerOcpi, mustRefuseAdmin, mustRefuseOcpi } from './support/judge';
import { inParallel, type ProbeAnswer, probe, tokenHeader } from './support/probe';
import { fillRoute, type HubRoute, hasBody, hubRoutes } from './support/routes';
import { failed, REFUSED, Scoreboard, type Verdict } from './support/scoreboard';

/**
 * Authentication, black-box: every route the hub serves (read from its apps, so new routes are covered
 * without touching this file) times every kind of bad credentials. Token kinds that exist only with
 * time passing (expired token A, expired admin token, a grace-window token past the window) are made
 * by moving the hub's clock, never by waiting.
 */
const board = new Scoreboard('authentication');

const HOUR = 3_600_000;
let offsetMs = 0;
const clock = () => Date.now() + offsetMs;

type Credential = { kind: string; label: string; header: () => string | undefined };

describe('attack: authentication', { timeout: 120_000 }, () => {
  let net: AttackNetwork;
  let routes: HubRoute[];
  /** Tokens of the scenario, filled in beforeAll. */
  const t = {} as Record<
    | 'current'
    | 'grace'
    | 'revokedByAdmin'
    | 'revokedByPartner'
    | 'otherTenant'
    | 'tokenA'
    | 'tokenAExpiring'
    | 'adminOtherTenant'
    | 'adminRevoked'
    | 'adminExpiring',
    string
  >;
  let partnerIdOfAC1 = '';
  let partnersBefore = '';

  beforeAll(async () => {
    net = await startAttackNetwork({
      tenants: [
        {
          id: 'alpha',
          parties: [
            ['CPO', 'AC1'],
            ['EMSP', 'AE1'],
            ['CPO', 'AC2'],
            ['CPO', 'AC3'],
          ],
        },
        { id: 'beta', parties: [['CPO', 'BC1']] },
      ],
      now: clock,
    });
    routes = hubRoutes(net.hub.runtime);
    const admin = (method: string, path: string, body?: unknown, tenant = 'alpha') =>
      net.hub.admin(method, path, body, tenant);
    const ac1 = net.party('alpha/AC1');
    partnerIdOfAC1 = ac1.partnerId;
    // A rotation by the partner: its previous token enters the grace window.
    t.grace = ac1.platform.hubToken as string;
    await ac1.platform.rotate();
    t.current = ac1.platform.hubToken as string;
    // Revoked both ways: the admin unregisters one CPO, another unregisters itself.
    t.revokedByAdmin = net.party('alpha/AC2').platform.hubToken as string;
    expect((await admin('DELETE', `/partners/${net.party('alpha/AC2').partnerId}`)).status).toBe(200);
    t.revokedByPartner = net.party('alpha/AC3').platform.hubToken as string;
    await net.party('alpha/AC3').platform.unregister();
    t.otherTenant = net.party('beta/BC1').platform.hubToken as string;
    // PLANNED partners: one token A that works (on registration routes only), one that will expire.
    const planned = async (pid: string) =>
      (
        await admin('POST', '/partners', {
          name: pid,
          roles: [{ role: 'EMSP', country_code: 'NL', party_id: pid }],
        })
      ).body.token_a as string;
    t.tokenA = await planned('PA1');
    t.tokenAExpiring = await planned('PA2');
    // Admin tokens: another tenant's, a revoked one, one that will expire.
    t.adminOtherTenant = net.adminToken('beta');
    const revoked = await admin('POST', '/tokens', { name: 'to revoke' });
    t.adminRevoked = revoked.body.token;
    expect((await admin('DELETE', `/tokens/${revoked.body.id}`)).status).toBe(200);
    t.adminExpiring = (await admin('POST', '/tokens', { name: 'short', expires_in_days: 1 })).body.token;
    partnersBefore = JSON.stringify(statusesOf((await admin('GET', '/partners')).body));
  });

  afterAll(async () => {
    board.save();
    await net?.close();
  });

  const unknown = randomBytes(24).toString('base64url');
  const ocpiCredentials = (): Credential[] => [
    { kind: 'missing', label: 'no Authorization header', header: () => undefined },
    { kind: 'malformed', label: 'Bearer with a valid token', header: () => `Bearer ${t.current}` },
    { kind: 'malformed', label: 'Token without a value', header: () => 'Token' },
    { kind: 'malformed', label: 'Token with two values', header: () => `Token ${t.current} x` },
    { kind: 'malformed', label: '2,000-character value', header: () => `Token ${'A'.repeat(2000)}` },
    { kind: 'unknown', label: 'unknown token, base64', header: () => tokenHeader(unknown) },
    { kind: 'unknown', label: 'unknown token, raw', header: () => `Token ${unknown}` },
    { kind: 'revoked', label: 'unregistered by the admin', header: () => tokenHeader(t.revokedByAdmin) },
    {
      kind: 'revoked',
      label: 'credentials DELETE by the partner',
      header: () => tokenHeader(t.revokedByPartner),
    },
    { kind: 'other-tenant', label: "beta's CPO token", header: () => tokenHeader(t.otherTenant) },
  ];
  const adminCredentials = (): Credential[] => [
    { kind: 'missing', label: 'no Authorization header', header: () => undefined },
    {
      kind: 'malformed',
      label: 'Token scheme with the admin token',
      header: () => `Token ${net.adminToken('alpha')}`,
    },
    { kind: 'malformed', label: 'Bearer too short', header: () => 'Bearer abc' },
    { kind: 'unknown', label: 'unknown bearer', header: () => `Bearer ${unknown}` },
    { kind: 'revoked', label: 'revoked admin token', header: () => `Bearer ${t.adminRevoked}` },
    { kind: 'other-tenant', label: "beta's admin token", header: () => `Bearer ${t.adminOtherTenant}` },
    { kind: 'ocpi-token', label: "a partner's token as Bearer", header: () => `Bearer ${t.current}` },
    { kind: 'ocpi-token', label: "a partner's token as Token", header: () => tokenHeader(t.current) },
  ];

  /** One request to `route` in tenant alpha; ids name real objects where there are any. */
  const send = (route: HubRoute, header: string | undefined): Promise<ProbeAnswer> => {
    const path = fillRoute(route, 'alpha', {
      cc: 'NL',
      pid: 'AC1',
      loc: 'LOC1',
      evse: 'EVSE1',
      conn: '1',
      command: 'START_SESSION',
      id: route.api === 'admin' ? partnerIdOfAC1 : 'ID1',
    });
    return probe({
      method: route.method,
      url: `${net.hub.url}${path}`,
      headers: {
        ...(header === undefined ? {} : { Authorization: header }),
        ...(hasBody(route.method) ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(hasBody(route.method) ? { body: '{"probe":true}' } : {}),
    });
  };

  /** Refusal messages of unknown tokens per route: expired and revoked must read the same. */
  const unknownMessage = new Map<string, string>();
  const messageOf = (a: ProbeAnswer) =>
    JSON.stringify(
      (a.json as { status_message?: string; error?: unknown })?.status_message ??
        (a.json as { error?: unknown })?.error,
    );

  async function attackAll(api: 'ocpi' | 'admin', credentials: Credential[]) {
    const cases = routes
      .filter((r) => r.api === api)
      .flatMap((route) => credentials.map((credential) => ({ route, credential })));
    // Unknown tokens first: their message is what expired and revoked ones are compared with.
    cases.sort((a, b) => Number(b.credential.kind === 'unknown') - Number(a.credential.kind === 'unknown'));
    for (const batch of [
      cases.filter((c) => c.credential.kind === 'unknown'),
      cases.filter((c) => c.credential.kind !== 'unknown'),
    ]) {
      await inParallel(batch, 8, async ({ route, credential }) => {
        const answer = await send(route, credential.header());
        const key = `${route.method} ${route.pattern}`;
        let verdict =
          api === 'ocpi' ? mustRefuseOcpi(answer, { status: 401 }) : mustRefuseAdmin(answer, { status: 401 });
        if (credential.kind === 'unknown') unknownMessage.set(key, messageOf(answer));
        else if (verdict.outcome === 'refused' && ['expired', 'revoked'].includes(credential.kind)) {
          verdict = sameMessage(unknownMessage.get(key), messageOf(answer));
        }
        board.record(`${api}: ${credential.kind}`, `${key} with ${credential.label}`, verdict);
      });
    }
  }

  it('refuses every OCPI route without valid credentials with 401 and the envelope', async () => {
    await attackAll('ocpi', ocpiCredentials());
    expect(board.failures()).toEqual([]);
  });

  it('refuses every admin route without a valid admin token of the tenant with 401', async () => {
    await attackAll('admin', adminCredentials());
    expect(board.failures()).toEqual([]);
  });

  it('keeps a grace-window token to the functional modules: refused on credentials and admin routes', async () => {
    const group = 'grace-window token';
    await inParallel(routes, 8, async (route) => {
      const key = `${route.method} ${route.pattern}`;
      const answer = await send(route, route.api === 'admin' ? `Bearer ${t.grace}` : tokenHeader(t.grace));
      let verdict: Verdict;
      if (route.api === 'admin') verdict = mustRefuseAdmin(answer, { status: 401 });
      else if (route.pattern.endsWith('/credentials')) verdict = mustRefuseOcpi(answer, { status: 401 });
      else {
        // Requests in flight during a rotation must go on: any answer but 401 (and a proper one).
        verdict = mustAnswerOcpi(answer);
        if (answer.status === 401)
          verdict = failed('a grace-window token was refused on a functional module');
      }
      board.record(group, key, verdict);
    });
    expect(board.failures(group)).toEqual([]);
  });

  it('keeps a token A to versions, version details and credentials', async () => {
    const group = 'token A outside registration';
    const registration = /\/ocpi\/(versions|2\.2\.1|2\.2\.1\/credentials)$/;
    await inParallel(
      routes.filter((r) => r.api === 'ocpi' && !registration.test(r.pattern)),
      8,
      async (route) => {
        const answer = await send(route, tokenHeader(t.tokenA));
        board.record(group, `${route.method} ${route.pattern}`, mustRefuseOcpi(answer, { status: 401 }));
      },
    );
    expect(board.tried(group)).toBeGreaterThan(40);
    expect(board.failures(group)).toEqual([]);
  });

  it('refuses expired tokens (token A, a grace-window token past the window, an admin token) once time has passed', async () => {
    offsetMs = 169 * HOUR; // past token A's 7 days, the 10-minute grace window and the 1-day admin token
    const ocpi: Credential[] = [
      { kind: 'expired', label: 'token A past its lifetime', header: () => tokenHeader(t.tokenAExpiring) },
      { kind: 'expired', label: 'replaced token past the grace window', header: () => tokenHeader(t.grace) },
    ];
    const admin: Credential[] = [
      { kind: 'expired', label: 'admin token past expires_at', header: () => `Bearer ${t.adminExpiring}` },
    ];
    await attackAll('ocpi', ocpi);
    await attackAll('admin', admin);
    expect(board.tried('ocpi: expired')).toBeGreaterThan(100);
    expect(board.failures()).toEqual([]);
  });

  it('changed no partner through any refused request', async () => {
    const after = JSON.stringify(
      statusesOf((await net.hub.admin('GET', '/partners', undefined, 'alpha')).body),
    );
    const verdict =
      after === partnersBefore ? REFUSED : failed(`partners changed: ${partnersBefore} -> ${after}`);
    board.record('side effects', 'partners of alpha after every refused request', verdict);
    // The current token still works: the suite could tell a refusal from a hub that refuses everything.
    const control = await probe({
      method: 'GET',
      url: `${net.hub.url}/alpha/ocpi/versions`,
      headers: { Authorization: tokenHeader(t.current) },
    });
    expect(control.status).toBe(200);
    expect(board.failures()).toEqual([]);
  });
});

function statusesOf(body: { partners: Array<{ id: string; status: string; versions_url?: string }> }) {
  return body.partners.map((p) => [p.id, p.status, p.versions_url ?? null]).sort();
}

function sameMessage(unknownMessage: string | undefined, message: string): Verdict {
  if (unknownMessage === undefined || unknownMessage === message) return REFUSED;
  return failed(
    `message ${message} differs from an unknown token's ${unknownMessage}: it tells which tokens existed`,
  );
}
