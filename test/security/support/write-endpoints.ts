import { expect } from 'vitest';
import { cdrOf, sessionOf, tokenOf } from '../../hub/charging/charging-fixtures';
import { at, locationOf, tariffOf } from '../../hub/objects/object-fixtures';
import { type AttackNetwork, type AttackParty, startAttackNetwork } from './attack-network';
import { asParty, isSuccess } from './party-request';

const AC1 = { country_code: 'NL', party_id: 'AC1' };
const AE1 = { country_code: 'NL', party_id: 'AE1' };
/**
 * Sessions and CDRs go to the eMSP of their token, active profiles to whoever set one: with the token's
 * owner removed (route by uid) or no profile set, there is no one to send them to, 4001.
 */
const NO_RECEIVER = [4001];

/**
 * An endpoint attacked with bodies, with a valid body to start attacks from. DELETE routes read no body:
 * they are attacked all the same, as a body the hub does not read must still never cost it a 5xx.
 */
export interface WriteEndpoint {
  name: string;
  api: 'ocpi' | 'admin';
  method: string;
  who?: AttackParty;
  /** The path for an object id (a fresh id per attack where the URL names the object). */
  path: (id: string) => string;
  base: (id: string) => unknown;
  /** How many generated bodies it gets. */
  count: number;
  /** Status codes that are a refusal here besides 2xxx (credentials: the partner's API, 3001). */
  alsoRefusal?: number[];
  /** Another token than the party's own (a planned partner's token A). */
  token?: string;
}

/**
 * Tenant alpha with CPO AC1, eMSP AE1 and CPO AX1 (its credentials are attacked, so no other party's
 * are at stake), LOC-A1, TOK-A1 and SES-A1 stored, and every endpoint that takes a body: each OCPI
 * Receiver and Sender write, credentials POST (token A of a planned partner) and PUT, the admin API's
 * creations, and the DELETE routes (OCPI and admin).
 */
export async function startInputNetwork(): Promise<{ net: AttackNetwork; endpoints: WriteEndpoint[] }> {
  const net = await startAttackNetwork({
    tenants: [
      {
        id: 'alpha',
        parties: [
          ['CPO', 'AC1'],
          ['EMSP', 'AE1'],
          ['CPO', 'AX1'],
        ],
      },
    ],
  });
  const [ac1, ae1, ax1] = ['alpha/AC1', 'alpha/AE1', 'alpha/AX1'].map((k) => net.party(k)) as [
    AttackParty,
    AttackParty,
    AttackParty,
  ];
  const seed = async (who: AttackParty, method: string, path: string, body: unknown) =>
    expect(isSuccess(await asParty(net, who, method, path, { body }))).toBe(true);
  await seed(ac1, 'PUT', '/receiver/locations/NL/AC1/LOC-A1', locationOf(AC1, 'LOC-A1'));
  await seed(ae1, 'PUT', '/receiver/tokens/NL/AE1/TOK-A1', tokenOf(AE1, 'TOK-A1'));
  await seed(
    ac1,
    'PUT',
    '/receiver/sessions/NL/AC1/SES-A1',
    sessionOf(AC1, AE1, 'SES-A1', { location_id: 'LOC-A1' }),
  );
  const location = locationOf(AC1, 'LOC-A1');
  const evse = location.evses[0];
  const later = (i: string) => at(1_000 + Number.parseInt(i.replace(/\D/g, '') || '0', 10));
  const profile = {
    charging_rate_unit: 'W',
    charging_profile_period: [{ start_period: 0, limit: 11_000 }],
  };
  const responseUrl = `${ae1.platform.endpointUrl('commands', 'SENDER')}/gen`;
  const L = '/receiver/locations/NL/AC1';
  const planned = (
    await net.hub.admin(
      'POST',
      '/partners',
      { name: 'planned', roles: [{ role: 'CPO', country_code: 'NL', party_id: 'AP1' }] },
      'alpha',
    )
  ).body.id as string;
  const registering = await net.hub.admin(
    'POST',
    '/partners',
    { name: 'registering', roles: [{ role: 'CPO', country_code: 'NL', party_id: 'AY1' }] },
    'alpha',
  );
  const tokenA = registering.body.token_a as string;
  const endpoints: WriteEndpoint[] = [
    {
      name: 'PUT location',
      api: 'ocpi',
      method: 'PUT',
      who: ac1,
      path: (id) => `${L}/${id}`,
      base: (id) => locationOf(AC1, id),
      count: 120,
    },
    {
      name: 'PATCH location',
      api: 'ocpi',
      method: 'PATCH',
      who: ac1,
      path: () => `${L}/LOC-A1`,
      base: (id) => ({ name: `n ${id}`, last_updated: later(id) }),
      count: 110,
    },
    {
      name: 'PUT EVSE',
      api: 'ocpi',
      method: 'PUT',
      who: ac1,
      path: (id) => `${L}/LOC-A1/${id}`,
      base: (id) => ({ ...evse, uid: id, last_updated: at(1) }),
      count: 110,
    },
    {
      name: 'PATCH EVSE',
      api: 'ocpi',
      method: 'PATCH',
      who: ac1,
      path: () => `${L}/LOC-A1/3256`,
      base: (id) => ({ status: 'AVAILABLE', last_updated: later(id) }),
      count: 100,
    },
    {
      name: 'PUT connector',
      api: 'ocpi',
      method: 'PUT',
      who: ac1,
      path: (id) => `${L}/LOC-A1/3256/${id}`,
      base: (id) => ({ ...evse.connectors[0], id, last_updated: at(1) }),
      count: 100,
    },
    {
      name: 'PATCH connector',
      api: 'ocpi',
      method: 'PATCH',
      who: ac1,
      path: () => `${L}/LOC-A1/3256/1`,
      base: (id) => ({ max_voltage: 230, last_updated: later(id) }),
      count: 80,
    },
    {
      name: 'PUT tariff',
      api: 'ocpi',
      method: 'PUT',
      who: ac1,
      path: (id) => `/receiver/tariffs/NL/AC1/${id}`,
      base: (id) => tariffOf(AC1, id),
      count: 120,
    },
    {
      name: 'PUT token',
      api: 'ocpi',
      method: 'PUT',
      who: ae1,
      path: (id) => `/receiver/tokens/NL/AE1/${id}`,
      base: (id) => tokenOf(AE1, id),
      count: 120,
    },
    {
      name: 'PATCH token',
      api: 'ocpi',
      method: 'PATCH',
      who: ae1,
      path: () => '/receiver/tokens/NL/AE1/TOK-A1',
      base: (id) => ({ valid: true, last_updated: later(id) }),
      count: 100,
    },
    {
      name: 'PUT session',
      api: 'ocpi',
      method: 'PUT',
      who: ac1,
      path: (id) => `/receiver/sessions/NL/AC1/${id}`,
      base: (id) => sessionOf(AC1, AE1, id, { location_id: 'LOC-A1' }),
      count: 120,
      alsoRefusal: NO_RECEIVER,
    },
    {
      name: 'PATCH session',
      api: 'ocpi',
      method: 'PATCH',
      who: ac1,
      path: () => '/receiver/sessions/NL/AC1/SES-A1',
      base: (id) => ({ kwh: 1, last_updated: later(id) }),
      count: 100,
      alsoRefusal: NO_RECEIVER,
    },
    {
      name: 'POST CDR',
      api: 'ocpi',
      method: 'POST',
      who: ac1,
      path: () => '/receiver/cdrs',
      base: (id) => cdrOf(AC1, AE1, id, { session_id: 'SES-A1' }),
      count: 120,
      alsoRefusal: NO_RECEIVER,
    },
    {
      name: 'POST START_SESSION',
      api: 'ocpi',
      method: 'POST',
      who: ae1,
      path: () => '/receiver/commands/START_SESSION',
      base: (id) => ({
        response_url: `${responseUrl}/${id}`,
        token: tokenOf(AE1, 'TOK-A1'),
        location_id: 'LOC-A1',
      }),
      count: 100,
    },
    {
      name: 'PUT charging profile',
      api: 'ocpi',
      method: 'PUT',
      who: ae1,
      path: () => '/receiver/chargingprofiles/SES-A1',
      base: (id) => ({ charging_profile: profile, response_url: `${responseUrl}/${id}` }),
      count: 100,
    },
    {
      name: 'POST token authorize',
      api: 'ocpi',
      method: 'POST',
      who: ac1,
      path: () => '/sender/tokens/TOK-A1/authorize',
      base: () => ({ location_id: 'LOC-A1', evse_uids: ['3256'] }),
      count: 100,
    },
    {
      name: 'POST command result',
      api: 'ocpi',
      method: 'POST',
      who: ac1,
      path: (id) => `/sender/commands/${id}`,
      base: () => ({ result: 'ACCEPTED' }),
      count: 80,
    },
    {
      name: 'PUT active charging profile',
      api: 'ocpi',
      method: 'PUT',
      who: ac1,
      path: () => '/sender/chargingprofiles/SES-A1',
      base: () => ({ start_date_time: at(0), charging_profile: profile }),
      count: 80,
      alsoRefusal: NO_RECEIVER,
    },
    {
      name: 'POST charging profile result',
      api: 'ocpi',
      method: 'POST',
      who: ac1,
      path: (id) => `/sender/chargingprofiles/results/${id}`,
      base: () => ({ result: 'ACCEPTED' }),
      count: 80,
    },
    {
      name: 'PUT charging preferences',
      api: 'ocpi',
      method: 'PUT',
      who: ae1,
      path: () => '/sender/sessions/SES-A1/charging_preferences',
      base: () => ({
        profile_type: 'FAST',
        departure_time: at(600),
        energy_need: 20,
        discharge_allowed: false,
      }),
      count: 60,
    },
    {
      name: 'PUT credentials',
      api: 'ocpi',
      method: 'PUT',
      who: ax1,
      path: () => '/credentials',
      base: () => ({
        token: 'generated-token-0123456789',
        url: ax1.platform.versionsUrl,
        roles: [{ role: 'CPO', country_code: 'NL', party_id: 'AX1', business_details: { name: 'AX1' } }],
      }),
      count: 60,
      alsoRefusal: [3001, 3002, 3003],
    },
    {
      name: 'admin POST partner',
      api: 'admin',
      method: 'POST',
      path: () => '/alpha/admin/partners',
      base: (id) => ({ name: `gen ${id}`, roles: [{ role: 'CPO', country_code: 'NL', party_id: 'Q01' }] }),
      count: 80,
    },
    {
      name: 'admin POST admin token',
      api: 'admin',
      method: 'POST',
      path: () => '/alpha/admin/tokens',
      base: (id) => ({ name: `gen ${id}`, expires_in_days: 1 }),
      count: 60,
    },
    {
      // The partner is planned and its versions URL is the hub's own: a valid mutant ends in a refused
      // handshake (502), never in a call off the machine.
      name: 'admin POST connect',
      api: 'admin',
      method: 'POST',
      path: () => `/alpha/admin/partners/${planned}/connect`,
      base: () => ({
        versions_url: net.hub.versionsUrl('alpha'),
        token: 'token-c-of-a-planned-partner-0123',
      }),
      count: 40,
    },
    ...registrationAndDeletes(ax1, ac1, ae1, tokenA, responseUrl),
  ];
  return { net, endpoints };
}

/**
 * Credentials POST with a planned partner's token A, and every DELETE route. The POST's versions URL
 * is AX1's platform, which does not know the generated token: a valid mutant ends in a refused handshake
 * (3001), token A stays unused, and nothing leaves the machine. The DELETEs name objects that do not
 * exist (a fresh id per attack) or are refused (405 for token A), so the rest of the run keeps its data.
 */
function registrationAndDeletes(
  ax1: AttackParty,
  ac1: AttackParty,
  ae1: AttackParty,
  tokenA: string,
  responseUrl: string,
): WriteEndpoint[] {
  const credentials = (id: string) => ({
    token: `generated-token-b-${id}`,
    url: ax1.platform.versionsUrl,
    roles: [{ role: 'CPO', country_code: 'NL', party_id: 'AY1', business_details: { name: 'AY1' } }],
  });
  return [
    {
      name: 'POST credentials (token A)',
      api: 'ocpi',
      method: 'POST',
      who: ax1,
      token: tokenA,
      path: () => '/credentials',
      base: credentials,
      count: 60,
      alsoRefusal: [3001, 3002, 3003],
    },
    {
      name: 'DELETE credentials (token A)',
      api: 'ocpi',
      method: 'DELETE',
      who: ax1,
      token: tokenA,
      path: () => '/credentials',
      base: credentials,
      count: 30,
    },
    {
      name: 'DELETE tariff',
      api: 'ocpi',
      method: 'DELETE',
      who: ac1,
      path: (id) => `/receiver/tariffs/NL/AC1/${id}`,
      base: (id) => tariffOf(AC1, id),
      count: 40,
    },
    {
      name: 'DELETE charging profile',
      api: 'ocpi',
      method: 'DELETE',
      who: ae1,
      path: (id) =>
        `/receiver/chargingprofiles/SES-A1?response_url=${encodeURIComponent(`${responseUrl}/${id}`)}`,
      base: (id) => ({ response_url: `${responseUrl}/${id}` }),
      count: 30,
      alsoRefusal: NO_RECEIVER,
    },
    {
      name: 'admin DELETE partner',
      api: 'admin',
      method: 'DELETE',
      path: (id) => `/alpha/admin/partners/${id}`,
      base: (id) => ({ id, name: `gen ${id}` }),
      count: 30,
    },
    {
      name: 'admin DELETE admin token',
      api: 'admin',
      method: 'DELETE',
      path: (id) => `/alpha/admin/tokens/${id}`,
      base: (id) => ({ id, name: `gen ${id}` }),
      count: 30,
    },
  ];
}
