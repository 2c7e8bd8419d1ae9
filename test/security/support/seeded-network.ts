import { expect } from 'vitest';
import { cdrOf, tokenOf as chargingTokenOf, sessionOf } from '../../hub/charging/charging-fixtures';
import { at, locationOf, tariffOf } from '../../hub/objects/object-fixtures';
import { type AttackNetwork, type AttackParty, startAttackNetwork } from './attack-network';
import { asParty, isSuccess, statusOf } from './party-request';

export const ALPHA_PARTIES = {
  AC1: { country_code: 'NL', party_id: 'AC1' },
  AC2: { country_code: 'NL', party_id: 'AC2' },
  AE1: { country_code: 'NL', party_id: 'AE1' },
  AE2: { country_code: 'NL', party_id: 'AE2' },
} as const;

/** Two tenants with objects of every module in alpha, owned by AC1 (CPO) and AE1 (eMSP). */
export interface SeededNetwork {
  net: AttackNetwork;
  ac1: AttackParty;
  ac2: AttackParty;
  ae1: AttackParty;
  ae2: AttackParty;
  bc1: AttackParty;
  be1: AttackParty;
  /** The hub's Location of AC1's first CDR (`sender/cdrs/<locator>`), as AC1 got it. */
  cdrLocation: string;
}

/**
 * alpha: CPOs AC1, AC2 and eMSPs AE1, AE2; beta: CPO BC1 and eMSP BE1. AC1 holds locations LOC-A1 and
 * LOC-A2, tariffs TAR-A1..A2, sessions SES-A1..A3 and CDRs CDR-A1..A2 of AE1's token and SES-A4 of AE2's;
 * AE1 holds tokens TOK-A1..A2; beta holds LOC-B1 and TOK-B1. Every object went in through the OCPI API.
 */
export async function startSeededNetwork(): Promise<SeededNetwork> {
  const net = await startAttackNetwork({
    tenants: [
      {
        id: 'alpha',
        parties: [
          ['CPO', 'AC1'],
          ['CPO', 'AC2'],
          ['EMSP', 'AE1'],
          ['EMSP', 'AE2'],
        ],
      },
      {
        id: 'beta',
        parties: [
          ['CPO', 'BC1'],
          ['EMSP', 'BE1'],
        ],
      },
    ],
  });
  const [ac1, ac2, ae1, ae2, bc1, be1] = [
    'alpha/AC1',
    'alpha/AC2',
    'alpha/AE1',
    'alpha/AE2',
    'beta/BC1',
    'beta/BE1',
  ].map((key) => net.party(key)) as [
    AttackParty,
    AttackParty,
    AttackParty,
    AttackParty,
    AttackParty,
    AttackParty,
  ];
  const seed = async (who: AttackParty, method: string, path: string, body: unknown) => {
    const answer = await asParty(net, who, method, path, { body });
    expect(isSuccess(answer), `seeding ${method} ${path}: ${statusOf(answer)} ${answer.text}`).toBe(true);
    return answer;
  };
  const { AC1, AE1, AE2 } = ALPHA_PARTIES;
  for (const id of ['LOC-A1', 'LOC-A2'])
    await seed(
      ac1,
      'PUT',
      `/receiver/locations/NL/AC1/${id}`,
      locationOf(AC1, id, at(id === 'LOC-A1' ? 0 : 1)),
    );
  for (const id of ['TAR-A1', 'TAR-A2'])
    await seed(ac1, 'PUT', `/receiver/tariffs/NL/AC1/${id}`, tariffOf(AC1, id));
  for (const id of ['TOK-A1', 'TOK-A2'])
    await seed(ae1, 'PUT', `/receiver/tokens/NL/AE1/${id}`, chargingTokenOf(AE1, id));
  for (const [id, emsp, minute] of [
    ['SES-A1', AE1, 0],
    ['SES-A2', AE1, 1],
    ['SES-A3', AE1, 2],
    ['SES-A4', AE2, 3],
  ] as const) {
    const session = sessionOf(AC1, emsp, id, { location_id: 'LOC-A1', last_updated: at(minute) });
    await seed(ac1, 'PUT', `/receiver/sessions/NL/AC1/${id}`, session);
  }
  let cdrLocation = '';
  for (const id of ['CDR-A1', 'CDR-A2']) {
    const answer = await seed(ac1, 'POST', '/receiver/cdrs', cdrOf(AC1, AE1, id, { session_id: 'SES-A1' }));
    cdrLocation ||= String(answer.headers.location ?? '');
  }
  await seed(
    bc1,
    'PUT',
    '/receiver/locations/NL/BC1/LOC-B1',
    locationOf({ country_code: 'NL', party_id: 'BC1' }, 'LOC-B1'),
  );
  await seed(
    be1,
    'PUT',
    '/receiver/tokens/NL/BE1/TOK-B1',
    chargingTokenOf({ country_code: 'NL', party_id: 'BE1' }, 'TOK-B1'),
  );
  expect(cdrLocation).toMatch(/\/alpha\/ocpi\/2\.2\.1\/sender\/cdrs\/[\w-]+$/);
  return { net, ac1, ac2, ae1, ae2, bc1, be1, cdrLocation };
}
