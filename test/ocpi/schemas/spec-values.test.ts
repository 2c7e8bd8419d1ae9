import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import {
  CDRSchema,
  CommandTypeSchema,
  EVSESchema,
  ImageSchema,
  LocationSchema,
  parseOrThrow,
  SessionSchema,
  SignedDataSchema,
  schemaIssues,
  TariffSchema,
  TokenSchema,
  VersionDetailsSchema,
} from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';
import { loadExample } from './load-example';
import { setAt } from './set-at';

/**
 * Values the spec is clear about (issue #11): DateTime form and length, the alpha-3 `country`, the errata
 * field lengths, OpenEnums that accept what 2.3.0 adds while closed enums stay strict, and CiStrings in
 * any case.
 */

type Json = Record<string, unknown>;

function gentLocation() {
  return loadExample<Json & { evses: (Json & { connectors: Json[] })[] }>('location_example.json');
}

describe('DateTime', () => {
  it.each([
    '2015-06-29T20:39:09Z',
    '2015-06-29T20:39:09',
    '2015-06-29T20:39:09.2Z',
    '2015-06-29T20:39:09.123',
    '2015-06-29T20:39:09.1234Z',
    '2015-06-29T20:39:09.12345',
  ])('accepts %s', (dateTime) => {
    // Act + Assess
    expect(issuePaths(LocationSchema, { ...gentLocation(), last_updated: dateTime })).toEqual([]);
  });

  it.each([
    ['26 characters', '2015-06-29T20:39:09.12345Z'],
    ['an offset of +00:00', '2015-06-29T20:39:09+00:00'],
    ['an offset of +02:00', '2015-06-29T22:39:09+02:00'],
    ['a space for T', '2015-06-29 20:39:09Z'],
    ['a date only', '2015-06-29'],
    ['an impossible date', '2015-02-30T20:39:09Z'],
  ])('rejects %s, naming the field', (_what, dateTime) => {
    // Prepare
    const location = gentLocation();
    location.evses[0]!.connectors[0]!.last_updated = dateTime;

    // Act
    const issues = schemaIssues(LocationSchema, location);

    // Assess
    expect(issues.map((issue) => issue.fieldPath)).toContain('evses[0].connectors[0].last_updated');
    expect(new Set(issues.map((issue) => issue.fieldPath))).toEqual(
      new Set(['evses[0].connectors[0].last_updated']),
    );
  });
});

describe('country of a Location (ISO 3166-1 alpha-3)', () => {
  it('accepts three upper-case letters', () => {
    // Act + Assess
    expect(issuePaths(LocationSchema, { ...gentLocation(), country: 'NLD' })).toEqual([]);
  });

  it.each(['BE', 'BELG', 'be1', 'bel'])('rejects %j in a Location, naming the field', (country) => {
    // Act
    const act = () => parseOrThrow(LocationSchema, { ...gentLocation(), country }, 'Location');

    // Assess
    expect(act).toThrow(/^Invalid Location\.country: must be an ISO 3166-1 alpha-3 country code/);
  });

  it('rejects a 2-letter country in a CDR location, naming the field', () => {
    // Prepare
    const cdr = loadExample<Json & { cdr_location: Json }>('cdr_example.json');
    cdr.cdr_location.country = 'BE';

    // Act + Assess
    expect(issuePaths(CDRSchema, cdr)).toEqual(['cdr_location.country']);
  });
});

describe('field lengths of the release-2.2.1-bugfixes errata', () => {
  it.each([
    ['Location.address', 'address', 255],
    ['Location.state', 'state', 45],
  ])('takes %s up to %i characters and no more', (_what, field, length) => {
    // Act + Assess
    expect(issuePaths(LocationSchema, { ...gentLocation(), [field]: 'a'.repeat(length) })).toEqual([]);
    expect(issuePaths(LocationSchema, { ...gentLocation(), [field]: 'a'.repeat(length + 1) })).toEqual([
      field,
    ]);
  });

  it.each([
    ['address', 45],
    ['state', 20],
  ])('keeps CdrLocation.%s at its old %i characters', (field, length) => {
    // Prepare
    const cdrWith = (value: string) => {
      const cdr = loadExample<Json & { cdr_location: Json }>('cdr_example.json');
      cdr.cdr_location[field] = value;
      return cdr;
    };

    // Act + Assess
    expect(issuePaths(CDRSchema, cdrWith('a'.repeat(length)))).toEqual([]);
    expect(issuePaths(CDRSchema, cdrWith('a'.repeat(length + 1)))).toEqual([`cdr_location.${field}`]);
  });

  it('takes SignedValue.plain_data up to 5000 characters and no more', () => {
    // Prepare
    const signedData = (plainData: string) => ({
      encoding_method: 'OCMF',
      signed_values: [{ nature: 'Start', plain_data: plainData, signed_data: 'c2lnbmVk' }],
    });

    // Act + Assess
    expect(issuePaths(SignedDataSchema, signedData('p'.repeat(5000)))).toEqual([]);
    expect(issuePaths(SignedDataSchema, signedData('p'.repeat(5001)))).toEqual([
      'signed_values[0].plain_data',
    ]);
  });
});

describe('OpenEnums (OCPI 2.3.0)', () => {
  it('keeps connector standards, capabilities, parking restrictions, facilities and the parking type it does not know', () => {
    // Prepare
    const location = gentLocation();
    location.parking_type = 'ROOFTOP';
    location.facilities = ['WIFI', 'EV_LOUNGE'];
    location.evses[0]!.capabilities = ['RFID_READER', 'ISO_15118_20_PLUG_AND_CHARGE'];
    location.evses[0]!.parking_restrictions = ['TAXIS'];
    location.evses[0]!.connectors[0]!.standard = 'MCS';

    // Act
    const parsed = parseOrThrow(LocationSchema, location, 'Location');

    // Assess
    expect(parsed.parking_type).toBe('ROOFTOP');
    expect(parsed.facilities).toEqual(['WIFI', 'EV_LOUNGE']);
    expect(parsed.evses?.[0]?.capabilities).toEqual(['RFID_READER', 'ISO_15118_20_PLUG_AND_CHARGE']);
    expect(parsed.evses?.[0]?.parking_restrictions).toEqual(['TAXIS']);
    expect(parsed.evses?.[0]?.connectors[0]?.standard).toBe('MCS');
  });

  it('keeps an image category, token type, environmental impact category, module and version it does not know', () => {
    // Prepare
    const image = { url: 'https://example.com/i.png', category: 'DRONE_VIEW', type: 'png' };
    const token = { ...loadExample('token_example_2_full_rfid.json'), type: 'EMAID' };
    const tariff = {
      ...loadExample('tariff_4_complex.json'),
      energy_mix: { is_green_energy: false, environ_impact: [{ category: 'RADIOACTIVE_GAS', amount: 1 }] },
    };
    const details = {
      version: '2.3.0',
      endpoints: [{ identifier: 'payments', role: 'SENDER', url: 'https://example.com/ocpi/2.3.0/payments' }],
    };

    // Act
    const parsed = {
      image: ImageSchema.parse(image),
      token: TokenSchema.parse(token),
      tariff: TariffSchema.parse(tariff),
      details: VersionDetailsSchema.parse(details),
    };

    // Assess
    expect(parsed.image.category).toBe('DRONE_VIEW');
    expect(parsed.token.type).toBe('EMAID');
    expect(parsed.tariff.energy_mix?.environ_impact?.[0]?.category).toBe('RADIOACTIVE_GAS');
    expect(parsed.details).toEqual(details);
  });

  it.each([
    ['a number', 3],
    ['an empty string', ''],
    ['a value with spaces', 'TYPE 2'],
    ['256 characters', 'X'.repeat(256)],
  ])('still rejects %s', (_what, standard) => {
    // Prepare
    const location = gentLocation();
    location.evses[0]!.connectors[0]!.standard = standard;

    // Act + Assess
    expect(issuePaths(LocationSchema, location)).toEqual(['evses[0].connectors[0].standard']);
  });
});

describe('closed enums', () => {
  it.each<[string, () => z.ZodMiniType, () => unknown, string, string]>([
    ['EVSE status', () => EVSESchema, () => gentLocation().evses[0], 'status', 'BROKEN'],
    ['connector format', () => EVSESchema, () => gentLocation().evses[0], 'connectors[0].format', 'PLUG'],
    ['power type', () => EVSESchema, () => gentLocation().evses[0], 'connectors[0].power_type', 'AC_4_PHASE'],
    [
      'session status',
      () => SessionSchema,
      () => loadExample('session_example_1_simple_start.json'),
      'status',
      'RESERVED',
    ],
    [
      'token whitelist',
      () => TokenSchema,
      () => loadExample('token_example_2_full_rfid.json'),
      'whitelist',
      'SOMETIMES',
    ],
    ['CDR auth method', () => CDRSchema, () => loadExample('cdr_example.json'), 'auth_method', 'NFC'],
    [
      'tariff dimension',
      () => TariffSchema,
      () => loadExample('tariff_4_complex.json'),
      'elements[0].price_components[0].type',
      'KWH',
    ],
  ])('refuse a %s they do not list, naming the field', (_what, schema, object, path, value) => {
    // Prepare
    const target = object();
    setAt(target, path, value);

    // Act + Assess
    expect(issuePaths(schema(), target)).toEqual([path]);
  });

  it('refuse a command type that OCPI 2.2.1 does not define (the hub must know its body)', () => {
    // Act + Assess
    expect(CommandTypeSchema.safeParse('START_CHARGING').success).toBe(false);
  });
});

describe('CiStrings', () => {
  it('accept lower-case ids, country codes and party ids, kept in their spelling', () => {
    // Prepare
    const location = gentLocation();
    Object.assign(location, { country_code: 'be', party_id: 'bec', id: 'loc-gent-1' });
    Object.assign(location.evses[0]!, { uid: 'evse-3256', evse_id: 'be*bec*e041503001' });
    const token = {
      ...loadExample('token_example_2_full_rfid.json'),
      country_code: 'de',
      party_id: 'tnm',
      uid: 'abc123',
      contract_id: 'de8acc12e46l89',
    };
    const cdr = loadExample<Json & { cdr_token: Json }>('cdr_example.json');
    Object.assign(cdr, { country_code: 'be', party_id: 'bec', id: '12345abc' });
    Object.assign(cdr.cdr_token, { country_code: 'de', party_id: 'tnm', uid: 'tok1' });

    // Act
    const parsed = {
      location: parseOrThrow(LocationSchema, location, 'Location'),
      token: parseOrThrow(TokenSchema, token, 'Token'),
      cdr: parseOrThrow(CDRSchema, cdr, 'CDR'),
    };

    // Assess
    expect([parsed.location.country_code, parsed.location.party_id, parsed.location.id]).toEqual([
      'be',
      'bec',
      'loc-gent-1',
    ]);
    expect(parsed.location.evses?.[0]?.evse_id).toBe('be*bec*e041503001');
    expect([parsed.token.country_code, parsed.token.contract_id]).toEqual(['de', 'de8acc12e46l89']);
    expect([parsed.cdr.id, parsed.cdr.cdr_token.party_id]).toEqual(['12345abc', 'tnm']);
  });
});
