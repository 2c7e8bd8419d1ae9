import { describe, expect, it } from 'vitest';
import type { StartSession } from '../../../functions/ocpi/schemas/commands';
import type { VersionDetails } from '../../../functions/ocpi/schemas/version';
import { StartSession211Schema } from '../../../functions/ocpi/v211/schemas';
import {
  commandResponseTo211,
  commandResponseTo221,
  commandResultTo211,
  commandResultTo221,
  commandTypeTo211,
  credentialsTo211,
  credentialsTo221,
  type LossLog,
  MODULES_NOT_IN_211,
  paginationQueryTo221,
  reserveNowTo211,
  reserveNowTo221,
  startSessionTo211,
  startSessionTo221,
  statusCodeTo211,
  tokenTo221,
  versionDetailsTo211,
  versionDetailsTo221,
} from '../../../functions/ocpi/v211/translate';
import { EMSP, example } from './fixtures-211';
import { refusalOf } from './refusal';

const RESPONSE_URL = 'https://hub.example.com/ocpi/2.1.1/commands/START_SESSION/abc';
const token221 = tokenTo221(example('mod_tokens_example_01.json') as never, EMSP);

describe('commands', () => {
  it('sends START_SESSION to a 2.1.1 CPO without connector_id and authorization_reference', () => {
    // Prepare
    const command: StartSession = {
      response_url: RESPONSE_URL,
      token: token221,
      location_id: 'LOC1',
      evse_uid: '3256',
      connector_id: '1',
      authorization_reference: 'REF1',
    };
    const losses: LossLog = [];

    // Act
    const translated = startSessionTo211(command, losses);

    // Assess
    expect(StartSession211Schema.safeParse(translated).success).toBe(true);
    expect(translated).toEqual({
      response_url: RESPONSE_URL,
      token: example('mod_tokens_example_01.json'),
      location_id: 'LOC1',
      evse_uid: '3256',
    });
    expect(losses.map((loss) => loss.field)).toEqual(['connector_id', 'authorization_reference']);
  });

  it('owns a 2.1.1 eMSP command token by the eMSP party', () => {
    // Act
    const command = startSessionTo221(
      {
        response_url: RESPONSE_URL,
        token: example('mod_tokens_example_01.json') as never,
        location_id: 'LOC1',
      },
      EMSP,
    );

    // Assess
    expect(command.token).toEqual(token221);
  });

  it('offers no CANCEL_RESERVATION to 2.1.1', () => {
    expect(commandTypeTo211('CANCEL_RESERVATION')).toBeUndefined();
    expect(commandTypeTo211('RESERVE_NOW')).toBe('RESERVE_NOW');
  });

  it('passes numeric reservation ids as ints and maps the others through the allocator', async () => {
    // Prepare
    const base = {
      response_url: RESPONSE_URL,
      token: token221,
      expiry_date: '2024-05-01T13:00:00Z',
      location_id: 'LOC1',
    };
    const allocated: string[] = [];
    const allocate = async (id: string) => {
      allocated.push(id);
      return 7;
    };

    // Act
    const numeric = await reserveNowTo211({ ...base, reservation_id: '42' }, allocate);
    const named = await reserveNowTo211({ ...base, reservation_id: 'RES-A1' }, allocate);
    const back = reserveNowTo221({ ...numeric, token: example('mod_tokens_example_01.json') } as never, EMSP);

    // Assess
    expect(numeric.reservation_id).toBe(42);
    expect(named.reservation_id).toBe(7);
    expect(allocated).toEqual(['RES-A1']);
    expect(back.reservation_id).toBe('42');
  });

  it('splits the 2.1.1 CommandResponse: a synchronous answer gets the timeout, an async one is a CommandResult', () => {
    // Act
    const answer = commandResponseTo221({ result: 'ACCEPTED' }, 30);
    const timedOut = commandResponseTo221({ result: 'TIMEOUT' }, 30);
    const result = commandResultTo221({ result: 'TIMEOUT' });
    const unknownSession = commandResultTo221({ result: 'UNKNOWN_SESSION' });

    // Assess
    expect(answer).toEqual({ result: 'ACCEPTED', timeout: 30 });
    expect(timedOut).toEqual({ result: 'REJECTED', timeout: 30 });
    expect(result).toEqual({ result: 'TIMEOUT' });
    expect(unknownSession).toEqual({ result: 'REJECTED' });
  });

  it('joins both 2.2.1 answers into the 2.1.1 CommandResponse', () => {
    // Act
    const answer = commandResponseTo211({
      result: 'ACCEPTED',
      timeout: 30,
      message: [{ language: 'en', text: 'ok' }],
    });
    const occupied = commandResultTo211({ result: 'EVSE_OCCUPIED' });
    const accepted = commandResultTo211({ result: 'ACCEPTED' });

    // Assess
    expect(answer).toEqual({ result: 'ACCEPTED' });
    expect(occupied).toEqual({ result: 'REJECTED' });
    expect(accepted).toEqual({ result: 'ACCEPTED' });
  });
});

describe('credentials and versions', () => {
  it('flattens credentials of one party and nests a 2.1.1 party under its onboarded role', () => {
    // Prepare
    const flat = example('credentials_example_01.json');

    // Act
    const nested = credentialsTo221(flat as never, 'CPO');
    const back = credentialsTo211(nested);

    // Assess
    expect(nested.roles).toEqual([
      { role: 'CPO', business_details: flat.business_details, party_id: 'EXA', country_code: 'NL' },
    ]);
    expect(back).toEqual(flat);
  });

  it('refuses to flatten credentials of several parties', async () => {
    // Prepare
    const credentials = example('credentials_example2.json', '2.2.1');

    // Act
    const error = await refusalOf(() => credentialsTo211(credentials as never));

    // Assess
    expect(error.fieldPath).toBe('roles');
  });

  it('gives each module of a 2.1.1 CPO the interface its role implies and drops unknown ones', () => {
    // Prepare
    const details = {
      version: '2.1.1',
      endpoints: [
        { identifier: 'credentials', url: 'https://cpo.example.com/2.1.1/credentials' },
        { identifier: 'locations', url: 'https://cpo.example.com/2.1.1/locations' },
        { identifier: 'tokens', url: 'https://cpo.example.com/2.1.1/tokens' },
        { identifier: 'chargingprofiles', url: 'https://cpo.example.com/2.1.1/chargingprofiles' },
      ],
    };

    // Act
    const translated = versionDetailsTo221(details as never, 'CPO');

    // Assess
    expect(translated.endpoints.map(({ identifier, role }) => `${identifier}:${role}`)).toEqual([
      'credentials:SENDER',
      'locations:SENDER',
      'tokens:RECEIVER',
    ]);
  });

  it('lists for a 2.1.1 eMSP the hub endpoints it calls, without the 2.2.1-only modules', () => {
    // Prepare
    const url = (m: string, r: string) => `https://hub.example.com/2.2.1/${r.toLowerCase()}/${m}`;
    const hub: VersionDetails = {
      version: '2.2.1',
      endpoints: [
        { identifier: 'credentials', role: 'SENDER', url: url('credentials', 'SENDER') },
        { identifier: 'hubclientinfo', role: 'SENDER', url: url('hubclientinfo', 'SENDER') },
        ...['locations', 'tokens', 'commands', 'chargingprofiles'].flatMap((m) => [
          { identifier: m as never, role: 'SENDER' as const, url: url(m, 'SENDER') },
          { identifier: m as never, role: 'RECEIVER' as const, url: url(m, 'RECEIVER') },
        ]),
      ],
    };

    // Act
    const translated = versionDetailsTo211(hub, 'EMSP');

    // Assess
    expect(translated).toEqual({
      version: '2.1.1',
      endpoints: [
        { identifier: 'commands', url: url('commands', 'RECEIVER') },
        { identifier: 'credentials', url: url('credentials', 'SENDER') },
        { identifier: 'locations', url: url('locations', 'SENDER') },
        { identifier: 'tokens', url: url('tokens', 'RECEIVER') },
      ],
    });
    expect(MODULES_NOT_IN_211).toEqual(['chargingprofiles', 'hubclientinfo']);
  });
});

describe('transport', () => {
  it('reads 2.1.1 date filters with an offset as UTC and keeps the others', () => {
    expect(paginationQueryTo221({ date_from: '2015-06-29T22:39:09+02:00', limit: '10' })).toEqual({
      date_from: '2015-06-29T20:39:09Z',
      limit: '10',
    });
  });

  it('gives 2.1.1 partners only status codes 2.1.1 defines', () => {
    expect([2004, 4001, 4003, 2001, 1000].map(statusCodeTo211)).toEqual([2000, 3000, 3000, 2001, 1000]);
  });
});
