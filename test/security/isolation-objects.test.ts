import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdrOf, sessionOf, tokenOf } from '../hub/charging/charging-fixtures';
import { at, locationOf, tariffOf } from '../hub/objects/object-fixtures';
import type { AttackParty } from './support/attack-network';
import { mustAnswerOcpi, mustNotServe, statusCodeOf } from './support/judge';
import { asParty, dataOf, type PartyRequestOptions } from './support/party-request';
import type { ProbeAnswer } from './support/probe';
import { failed, REFUSED, Scoreboard, SERVED, type Verdict } from './support/scoreboard';
import { ALPHA_PARTIES, type SeededNetwork, startSeededNetwork } from './support/seeded-network';

/**
 * Isolation of objects, black-box: a party reading or writing another party's (or another tenant's)
 * objects through every module and method, and owners spoofing the owner fields of their bodies. After
 * each attack the victim's object is read back through the API: a refusal that still changed it fails.
 */
const board = new Scoreboard('isolation', 'objects');

const { AC1, AC2, AE1, AE2 } = ALPHA_PARTIES;
type Snapshot = () => Promise<string>;

describe('attack: isolation of objects', { timeout: 120_000 }, () => {
  let s: SeededNetwork;
  /** Read-backs through the API, by the owner (or the eMSP the objects are for). */
  let views: Record<'location' | 'tariff' | 'token' | 'sessions' | 'cdrs' | 'betaLocations', Snapshot>;

  beforeAll(async () => {
    s = await startSeededNetwork();
    const read = (who: AttackParty, path: string) => async () => {
      const answer = await asParty(s.net, who, 'GET', path);
      return JSON.stringify([answer.status, dataOf(answer)]);
    };
    views = {
      location: read(s.ac1, '/receiver/locations/NL/AC1/LOC-A1'),
      tariff: read(s.ac1, '/receiver/tariffs/NL/AC1/TAR-A1'),
      token: read(s.ae1, '/receiver/tokens/NL/AE1/TOK-A1'),
      sessions: async () =>
        (await read(s.ae1, '/sender/sessions?date_from=2020-01-01T00:00:00Z')()) +
        (await read(s.ae2, '/sender/sessions?date_from=2020-01-01T00:00:00Z')()),
      cdrs: read(s.ae1, '/sender/cdrs?date_from=2020-01-01T00:00:00Z'),
      betaLocations: read(s.be1, '/sender/locations'),
    };
  });

  afterAll(async () => {
    board.save();
    await s?.net.close();
  });

  /** One attack: its answer judged, then the victim's view must be what it was before. */
  async function attack(
    group: string,
    name: string,
    send: () => Promise<ProbeAnswer>,
    opts: { view?: Snapshot; judge?: (answer: ProbeAnswer) => Verdict } = {},
  ): Promise<Verdict> {
    const before = await opts.view?.();
    const answer = await send();
    let verdict = (opts.judge ?? mustNotServe)(answer);
    if (verdict.outcome !== 'failed' && opts.view) {
      const after = await opts.view();
      if (after !== before) verdict = failed(`changed what it must not: ${before} -> ${after}`);
    }
    return board.record(group, name, verdict);
  }

  const req =
    (who: AttackParty, method: string, path: string, opts: PartyRequestOptions = {}) =>
    () =>
      asParty(s.net, who, method, path, opts);

  it("refuses a party reading or writing another party's objects, module by module and method by method", async () => {
    const group = 'party × module × method';
    const location = locationOf(AC1, 'LOC-A1', at(50));
    const evse = { ...location.evses[0], status: 'BLOCKED', last_updated: at(50) };
    const connector = { ...location.evses[0].connectors[0], last_updated: at(50) };
    const spoofAC1 = { from: AC1 };
    const cases: Array<[string, AttackParty, string, string, PartyRequestOptions, Snapshot]> = [];
    for (const opts of [{}, spoofAC1]) {
      const as = opts === spoofAC1 ? ' claiming to be AC1' : '';
      cases.push(
        [
          `AC2${as}: PUT AC1's location`,
          s.ac2,
          'PUT',
          '/receiver/locations/NL/AC1/LOC-A1',
          { ...opts, body: location },
          views.location,
        ],
        [
          `AC2${as}: PATCH AC1's location`,
          s.ac2,
          'PATCH',
          '/receiver/locations/NL/AC1/LOC-A1',
          { ...opts, body: { name: 'taken', last_updated: at(51) } },
          views.location,
        ],
        [
          `AC2${as}: PUT AC1's EVSE`,
          s.ac2,
          'PUT',
          '/receiver/locations/NL/AC1/LOC-A1/3256',
          { ...opts, body: evse },
          views.location,
        ],
        [
          `AC2${as}: PATCH AC1's EVSE`,
          s.ac2,
          'PATCH',
          '/receiver/locations/NL/AC1/LOC-A1/3256',
          { ...opts, body: { status: 'BLOCKED', last_updated: at(52) } },
          views.location,
        ],
        [
          `AC2${as}: PUT AC1's connector`,
          s.ac2,
          'PUT',
          '/receiver/locations/NL/AC1/LOC-A1/3256/1',
          { ...opts, body: connector },
          views.location,
        ],
        [
          `AC2${as}: PATCH AC1's connector`,
          s.ac2,
          'PATCH',
          '/receiver/locations/NL/AC1/LOC-A1/3256/1',
          { ...opts, body: { max_voltage: 1, last_updated: at(53) } },
          views.location,
        ],
        [
          `AC2${as}: GET AC1's location`,
          s.ac2,
          'GET',
          '/receiver/locations/NL/AC1/LOC-A1',
          opts,
          views.location,
        ],
        [
          `AC2${as}: GET AC1's connector`,
          s.ac2,
          'GET',
          '/receiver/locations/NL/AC1/LOC-A1/3256/1',
          opts,
          views.location,
        ],
        [
          `AC2${as}: PUT AC1's tariff`,
          s.ac2,
          'PUT',
          '/receiver/tariffs/NL/AC1/TAR-A1',
          { ...opts, body: tariffOf(AC1, 'TAR-A1', at(50)) },
          views.tariff,
        ],
        [
          `AC2${as}: DELETE AC1's tariff`,
          s.ac2,
          'DELETE',
          '/receiver/tariffs/NL/AC1/TAR-A1',
          opts,
          views.tariff,
        ],
        [`AC2${as}: GET AC1's tariff`, s.ac2, 'GET', '/receiver/tariffs/NL/AC1/TAR-A1', opts, views.tariff],
        [
          `AC2${as}: PUT AC1's session`,
          s.ac2,
          'PUT',
          '/receiver/sessions/NL/AC1/SES-A1',
          { ...opts, body: sessionOf(AC1, AE1, 'SES-A1', { kwh: 99, last_updated: at(50) }) },
          views.sessions,
        ],
        [
          `AC2${as}: PATCH AC1's session`,
          s.ac2,
          'PATCH',
          '/receiver/sessions/NL/AC1/SES-A1',
          { ...opts, body: { kwh: 99, last_updated: at(51) } },
          views.sessions,
        ],
        [
          `AC2${as}: POST a CDR as AC1`,
          s.ac2,
          'POST',
          '/receiver/cdrs',
          { ...opts, body: cdrOf(AC1, AE1, 'CDR-X1') },
          views.cdrs,
        ],
        [`AC2${as}: GET AC1's CDR Location`, s.ac2, 'GET', s.cdrLocation, opts, views.cdrs],
        [
          `AC2${as}: PUT an active profile on AC1's session`,
          s.ac2,
          'PUT',
          '/sender/chargingprofiles/SES-A1',
          { ...opts, body: activeProfile() },
          views.sessions,
        ],
      );
    }
    const spoofAE1 = { from: AE1 };
    for (const opts of [{}, spoofAE1]) {
      const as = opts === spoofAE1 ? ' claiming to be AE1' : '';
      const responseUrl = `${s.ae2.platform.endpointUrl('chargingprofiles', 'SENDER')}/x`;
      cases.push(
        [
          `AE2${as}: PUT AE1's token`,
          s.ae2,
          'PUT',
          '/receiver/tokens/NL/AE1/TOK-A1',
          { ...opts, body: tokenOf(AE1, 'TOK-A1', { valid: false, last_updated: at(50) }) },
          views.token,
        ],
        [
          `AE2${as}: PATCH AE1's token`,
          s.ae2,
          'PATCH',
          '/receiver/tokens/NL/AE1/TOK-A1',
          { ...opts, body: { valid: false, last_updated: at(51) } },
          views.token,
        ],
        [`AE2${as}: GET AE1's token`, s.ae2, 'GET', '/receiver/tokens/NL/AE1/TOK-A1', opts, views.token],
        [
          `AE2${as}: PUT a charging profile on AE1's session`,
          s.ae2,
          'PUT',
          '/receiver/chargingprofiles/SES-A1',
          { ...opts, body: { charging_profile: profile(), response_url: responseUrl } },
          views.sessions,
        ],
        [
          `AE2${as}: GET the profile of AE1's session`,
          s.ae2,
          'GET',
          `/receiver/chargingprofiles/SES-A1?duration=60&response_url=${encodeURIComponent(responseUrl)}`,
          opts,
          views.sessions,
        ],
        [
          `AE2${as}: DELETE the profile of AE1's session`,
          s.ae2,
          'DELETE',
          `/receiver/chargingprofiles/SES-A1?response_url=${encodeURIComponent(responseUrl)}`,
          opts,
          views.sessions,
        ],
        [
          `AE2${as}: STOP_SESSION on AE1's session`,
          s.ae2,
          'POST',
          '/receiver/commands/STOP_SESSION',
          { ...opts, body: { session_id: 'SES-A1', response_url: `${responseUrl}/stop` } },
          views.sessions,
        ],
        [`AE2${as}: GET AE1's CDR Location`, s.ae2, 'GET', s.cdrLocation, opts, views.cdrs],
        [
          `AE2${as}: START_SESSION with AE1's token`,
          s.ae2,
          'POST',
          '/receiver/commands/START_SESSION',
          {
            ...opts,
            body: {
              token: tokenOf(AE1, 'TOK-A1'),
              location_id: 'LOC-A1',
              response_url: `${responseUrl}/start`,
            },
          },
          views.sessions,
        ],
      );
    }
    cases.push(
      [
        "AE2 claiming to be AE1: GET AE1's sessions",
        s.ae2,
        'GET',
        '/sender/sessions?date_from=2020-01-01T00:00:00Z',
        { from: AE1 },
        views.sessions,
      ],
      [
        "AE2 claiming to be AE1: GET AE1's CDRs",
        s.ae2,
        'GET',
        '/sender/cdrs?date_from=2020-01-01T00:00:00Z',
        { from: AE1 },
        views.cdrs,
      ],
      [
        "AE1: PUT an active profile on AC1's session (only the CPO may)",
        s.ae1,
        'PUT',
        '/sender/chargingprofiles/SES-A1',
        { body: activeProfile() },
        views.sessions,
      ],
    );
    for (const [name, who, method, path, opts, view] of cases)
      await attack(group, name, req(who, method, path, opts), { view });

    // Lists the hub serves itself: an eMSP sees the sessions and CDRs of its own tokens only.
    for (const [module, who] of [
      ['sessions', s.ae2],
      ['cdrs', s.ae2],
      ['sessions', s.ae1],
      ['cdrs', s.ae1],
    ] as const) {
      await attack(
        group,
        `${who.party.party_id}: GET ${module} lists own objects only`,
        req(who, 'GET', `/sender/${module}?date_from=2020-01-01T00:00:00Z`),
        {
          judge: onlyOwnChargingObjects(who),
        },
      );
    }
    expect(board.failures(group)).toEqual([]);
  });

  it("refuses a CPO's result for a command or charging profile sent to another CPO", async () => {
    const group = 'result URLs of another CPO';
    s.ac1.platform.configureCommands({ sendResult: false });
    s.ac1.platform.clearRequests();
    s.ae1.platform.clearRequests();
    const command = await s.ae1.platform.sendCommand('START_SESSION', {
      token: tokenOf(AE1, 'TOK-A1'),
      location_id: 'LOC-A1',
    });
    expect(command.response.status).toBe(200);
    const profileAnswer = await asParty(s.net, s.ae1, 'PUT', '/receiver/chargingprofiles/SES-A1', {
      body: {
        charging_profile: profile(),
        response_url: `${s.ae1.platform.endpointUrl('chargingprofiles', 'SENDER')}/p1`,
      },
    });
    expect(statusCodeOf(profileAnswer)).toBe(1000);
    const forwarded = (module: string) => {
      const push = s.ac1.platform.received.find((r) => r.module === module);
      return String((push?.body as { response_url?: string } | undefined)?.response_url ?? '');
    };
    const commandResultUrl = forwarded('commands');
    const profileResultUrl = forwarded('chargingprofiles');
    expect(commandResultUrl).toContain('/alpha/ocpi/2.2.1/sender/commands/');
    expect(profileResultUrl).toContain('/alpha/ocpi/2.2.1/sender/chargingprofiles/results/');
    const toBeta = (url: string) => url.replace('/alpha/ocpi/', '/beta/ocpi/');
    // Nothing but AC1's own result may reach AE1: its ledger of received callbacks stays empty.
    const emspLedger = async () => JSON.stringify(s.ae1.platform.received.map((r) => r.path));
    for (const [url, body, kind] of [
      [commandResultUrl, { result: 'ACCEPTED' }, 'command result'],
      [profileResultUrl, { result: 'ACCEPTED' }, 'charging profile result'],
    ] as const) {
      for (const who of [s.ac2, s.ae2, s.ae1])
        await attack(
          group,
          `${who.party.party_id}: POST the ${kind} of AC1`,
          req(who, 'POST', url, { body, from: false }),
          { view: emspLedger },
        );
      await attack(
        group,
        `BC1: POST the ${kind} of AC1 on beta`,
        req(s.bc1, 'POST', toBeta(url), { body, from: false }),
        { view: emspLedger },
      );
    }
    // Control: AC1's own result reaches AE1, so the ledger above could have seen a leak.
    const own = await asParty(s.net, s.ac1, 'POST', commandResultUrl, {
      body: { result: 'ACCEPTED' },
      from: false,
    });
    expect(statusCodeOf(own)).toBe(1000);
    await s.ae1.platform.waitFor(() =>
      s.ae1.platform.received.find((r) => r.path.includes('/START_SESSION/')),
    );
    expect(board.failures(group)).toEqual([]);
  });

  it('refuses an owner whose body names another owner or another id than its URL', async () => {
    const group = 'owner-field spoofing';
    const loc = locationOf(AC1, 'SPF-L1', at(60));
    const evse = loc.evses[0];
    const nothingAt = (who: AttackParty, path: string) => async () =>
      JSON.stringify(statusCodeOf(await asParty(s.net, who, 'GET', path)));
    const cases: Array<[string, AttackParty, string, string, unknown, Snapshot]> = [
      [
        'PUT location with party_id of AC2',
        s.ac1,
        'PUT',
        '/receiver/locations/NL/AC1/SPF-L1',
        { ...loc, party_id: 'AC2' },
        nothingAt(s.ac1, '/receiver/locations/NL/AC1/SPF-L1'),
      ],
      [
        'PUT location with country_code BE',
        s.ac1,
        'PUT',
        '/receiver/locations/NL/AC1/SPF-L1',
        { ...loc, country_code: 'BE' },
        nothingAt(s.ac1, '/receiver/locations/NL/AC1/SPF-L1'),
      ],
      [
        'PUT location with another id',
        s.ac1,
        'PUT',
        '/receiver/locations/NL/AC1/SPF-L1',
        { ...loc, id: 'SPF-OTHER' },
        nothingAt(s.ac1, '/receiver/locations/NL/AC1/SPF-OTHER'),
      ],
      [
        'PATCH location to party_id AC2',
        s.ac1,
        'PATCH',
        '/receiver/locations/NL/AC1/LOC-A1',
        { party_id: 'AC2', last_updated: at(61) },
        views.location,
      ],
      [
        'PATCH location to country_code DE',
        s.ac1,
        'PATCH',
        '/receiver/locations/NL/AC1/LOC-A1',
        { country_code: 'DE', last_updated: at(62) },
        views.location,
      ],
      [
        'PATCH location to another id',
        s.ac1,
        'PATCH',
        '/receiver/locations/NL/AC1/LOC-A1',
        { id: 'SPF-OTHER', last_updated: at(63) },
        views.location,
      ],
      [
        'PUT EVSE with another uid',
        s.ac1,
        'PUT',
        '/receiver/locations/NL/AC1/LOC-A1/SPF-E1',
        { ...evse, uid: '3256', last_updated: at(64) },
        views.location,
      ],
      [
        'PATCH EVSE to another uid',
        s.ac1,
        'PATCH',
        '/receiver/locations/NL/AC1/LOC-A1/3256',
        { uid: '3257', last_updated: at(65) },
        views.location,
      ],
      [
        'PUT connector with another id',
        s.ac1,
        'PUT',
        '/receiver/locations/NL/AC1/LOC-A1/3256/9',
        { ...evse.connectors[0], id: '2', last_updated: at(66) },
        views.location,
      ],
      [
        'PATCH connector to another id',
        s.ac1,
        'PATCH',
        '/receiver/locations/NL/AC1/LOC-A1/3256/1',
        { id: '2', last_updated: at(67) },
        views.location,
      ],
      [
        'PUT tariff with party_id of AC2',
        s.ac1,
        'PUT',
        '/receiver/tariffs/NL/AC1/SPF-T1',
        tariffOf(AC2, 'SPF-T1', at(60)),
        nothingAt(s.ac2, '/receiver/tariffs/NL/AC2/SPF-T1'),
      ],
      [
        'PUT tariff with another id',
        s.ac1,
        'PUT',
        '/receiver/tariffs/NL/AC1/TAR-A1',
        tariffOf(AC1, 'SPF-T2', at(60)),
        views.tariff,
      ],
      [
        'PUT token with party_id of AE2',
        s.ae1,
        'PUT',
        '/receiver/tokens/NL/AE1/SPF-K1',
        tokenOf(AE2, 'SPF-K1'),
        nothingAt(s.ae2, '/receiver/tokens/NL/AE2/SPF-K1'),
      ],
      [
        'PUT token with another uid',
        s.ae1,
        'PUT',
        '/receiver/tokens/NL/AE1/TOK-A1',
        tokenOf(AE1, 'SPF-K2', { last_updated: at(60) }),
        views.token,
      ],
      [
        'PATCH token to party_id AE2',
        s.ae1,
        'PATCH',
        '/receiver/tokens/NL/AE1/TOK-A1',
        { party_id: 'AE2', last_updated: at(61) },
        views.token,
      ],
      [
        'PATCH token to country_code DE',
        s.ae1,
        'PATCH',
        '/receiver/tokens/NL/AE1/TOK-A1',
        { country_code: 'DE', last_updated: at(62) },
        views.token,
      ],
      [
        'PATCH token to another uid',
        s.ae1,
        'PATCH',
        '/receiver/tokens/NL/AE1/TOK-A1',
        { uid: 'SPF-K3', last_updated: at(63) },
        views.token,
      ],
      [
        'PUT session with party_id of AC2',
        s.ac1,
        'PUT',
        '/receiver/sessions/NL/AC1/SPF-S1',
        sessionOf(AC2, AE1, 'SPF-S1', { location_id: 'LOC-A1' }),
        views.sessions,
      ],
      [
        'PUT session with another id',
        s.ac1,
        'PUT',
        '/receiver/sessions/NL/AC1/SES-A1',
        sessionOf(AC1, AE1, 'SPF-S2', { location_id: 'LOC-A1', last_updated: at(60) }),
        views.sessions,
      ],
      [
        'PATCH session to party_id AC2',
        s.ac1,
        'PATCH',
        '/receiver/sessions/NL/AC1/SES-A1',
        { party_id: 'AC2', last_updated: at(61) },
        views.sessions,
      ],
      [
        'PATCH session to country_code DE',
        s.ac1,
        'PATCH',
        '/receiver/sessions/NL/AC1/SES-A1',
        { country_code: 'DE', last_updated: at(62) },
        views.sessions,
      ],
      [
        'PATCH session to another id',
        s.ac1,
        'PATCH',
        '/receiver/sessions/NL/AC1/SES-A1',
        { id: 'SPF-S3', last_updated: at(63) },
        views.sessions,
      ],
      [
        'POST CDR with party_id of AC2',
        s.ac1,
        'POST',
        '/receiver/cdrs',
        cdrOf(AC2, AE1, 'SPF-C1'),
        views.cdrs,
      ],
      [
        'POST CDR with country_code DE',
        s.ac1,
        'POST',
        '/receiver/cdrs',
        cdrOf({ country_code: 'DE', party_id: 'AC1' }, AE1, 'SPF-C2'),
        views.cdrs,
      ],
    ];
    for (const [name, who, method, path, body, view] of cases)
      await attack(group, `${who.party.party_id}: ${name}`, req(who, method, path, { body }), { view });
    // What the eMSP received from the hub: no session or CDR under another CPO's name was forwarded.
    const forwardedAsAC2 = s.ae1.platform.received.filter((r) =>
      JSON.stringify(r.body ?? '').includes('"party_id":"AC2"'),
    );
    board.record(
      group,
      'nothing forwarded to the eMSP under the name of AC2',
      forwardedAsAC2.length === 0
        ? REFUSED
        : failed(`forwarded: ${forwardedAsAC2.map((r) => `${r.method} ${r.path}`).join(', ')}`),
    );
    expect(board.failures(group)).toEqual([]);
  });

  it("keeps tenants apart: another tenant's objects are neither read, written nor routed to", async () => {
    const group = 'tenant × tenant';
    const noAlphaIds = (answer: ProbeAnswer): Verdict => {
      const verdict = mustAnswerOcpi(answer);
      if (verdict.outcome === 'failed') return verdict;
      return /-A\d"/.test(answer.text)
        ? failed(`alpha objects in beta's answer: ${answer.text.slice(0, 200)}`)
        : REFUSED;
    };
    const beta = { tenant: 'beta' };
    const cases: Array<
      [string, () => Promise<ProbeAnswer>, { view?: Snapshot; judge?: (a: ProbeAnswer) => Verdict }]
    > = [
      ["BE1: GET alpha's location by id on beta", req(s.be1, 'GET', '/sender/locations/LOC-A1'), {}],
      ['BE1: GET the locations list of beta', req(s.be1, 'GET', '/sender/locations'), { judge: noAlphaIds }],
      ['BE1: GET the tariffs list of beta', req(s.be1, 'GET', '/sender/tariffs'), { judge: noAlphaIds }],
      ['BC1: GET the tokens list of beta', req(s.bc1, 'GET', '/sender/tokens'), { judge: noAlphaIds }],
      [
        'BE1: GET the sessions list of beta',
        req(s.be1, 'GET', '/sender/sessions?date_from=2020-01-01T00:00:00Z'),
        { judge: noAlphaIds },
      ],
      [
        'BE1: GET the CDRs list of beta',
        req(s.be1, 'GET', '/sender/cdrs?date_from=2020-01-01T00:00:00Z'),
        { judge: noAlphaIds },
      ],
      ["BC1: GET AC1's location on beta", req(s.bc1, 'GET', '/receiver/locations/NL/AC1/LOC-A1'), {}],
      ["BE1: GET AE1's token on beta", req(s.be1, 'GET', '/receiver/tokens/NL/AE1/TOK-A1'), {}],
      [
        'BE1 claiming to be AE1: GET sessions on beta',
        req(s.be1, 'GET', '/sender/sessions?date_from=2020-01-01T00:00:00Z', { from: AE1 }),
        {},
      ],
      [
        "BE1: GET alpha's CDR Location on beta",
        req(s.be1, 'GET', s.cdrLocation.replace('/alpha/', '/beta/')),
        {},
      ],
      [
        'BE1: pull locations from AC1 (alpha) on beta',
        req(s.be1, 'GET', '/sender/locations', { to: AC1 }),
        { judge: mustNotServe },
      ],
      [
        'BE1: send a token to AC1 (alpha) on beta',
        req(s.be1, 'PUT', '/receiver/tokens/NL/BE1/TOK-B1', {
          to: AC1,
          body: tokenOf({ country_code: 'NL', party_id: 'BE1' }, 'TOK-B1'),
        }),
        { judge: mustNotServe, view: views.token },
      ],
      [
        "BE1: START_SESSION at alpha's LOC-A1 on beta",
        req(s.be1, 'POST', '/receiver/commands/START_SESSION', {
          body: {
            token: tokenOf({ country_code: 'NL', party_id: 'BE1' }, 'TOK-B1'),
            location_id: 'LOC-A1',
            response_url: `${s.be1.platform.endpointUrl('commands', 'SENDER')}/x`,
          },
        }),
        { judge: mustNotServe, view: views.sessions },
      ],
      [
        "BE1: GET alpha's locations list with its beta token",
        req(s.be1, 'GET', '/sender/locations', { tenant: 'alpha' }),
        {},
      ],
      [
        'AC1: PUT a location on beta with its alpha token',
        req(s.ac1, 'PUT', '/receiver/locations/NL/AC1/LOC-A1', {
          ...beta,
          body: locationOf(AC1, 'LOC-A1', at(70)),
        }),
        { view: views.betaLocations },
      ],
    ];
    for (const [name, send, opts] of cases) await attack(group, name, send, opts);
    // Beta may hold an object with the same id as alpha's: it is beta's own and leaves alpha's alone.
    await attack(
      group,
      "BC1: PUT its own LOC-A1 on beta leaves alpha's LOC-A1 alone",
      req(s.bc1, 'PUT', '/receiver/locations/NL/BC1/LOC-A1', {
        body: locationOf({ country_code: 'NL', party_id: 'BC1' }, 'LOC-A1', at(80)),
      }),
      {
        view: views.location,
        judge: (answer) =>
          statusCodeOf(answer) === 1000
            ? SERVED
            : failed(`HTTP ${answer.status}: ${answer.text.slice(0, 200)}`),
      },
    );
    expect(board.failures(group)).toEqual([]);
  });
});

function profile() {
  return { charging_rate_unit: 'W', charging_profile_period: [{ start_period: 0, limit: 1 }] };
}

function activeProfile() {
  return { start_date_time: '2024-01-10T10:00:00Z', charging_profile: profile() };
}

/** A sessions or CDRs list must hold only objects of the requester's own tokens. */
function onlyOwnChargingObjects(who: AttackParty) {
  return (answer: ProbeAnswer): Verdict => {
    const verdict = mustAnswerOcpi(answer);
    if (verdict.outcome === 'failed') return verdict;
    const items = (dataOf(answer) ?? []) as Array<{ id: string; cdr_token?: { party_id?: string } }>;
    const foreign = items.filter((i) => i.cdr_token?.party_id !== who.party.party_id);
    return foreign.length > 0 ? failed(`sees ${foreign.map((i) => i.id).join(', ')}`) : REFUSED;
  };
}
