import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import {
  AuthorizationInfoSchema,
  CDRSchema,
  ChargingPreferencesSchema,
  ClientInfoSchema,
  CommandResponseSchema,
  ConnectorPatchSchema,
  CredentialsSchema,
  EVSESchema,
  LocationPatchSchema,
  LocationSchema,
  parseOrThrow,
  SessionPatchSchema,
  SessionSchema,
  SetChargingProfileSchema,
  StartSessionSchema,
  schemaIssues,
  TariffSchema,
  TokenPatchSchema,
  TokenSchema,
  VersionDetailsSchema,
  withoutNulls,
} from '../../../functions/ocpi/schemas';
import { loadExample } from './load-example';
import { setAt } from './set-at';

/**
 * Real OCPI libraries write absent optional fields as JSON `null` (issue #11 item 1). A `null` in an
 * optional or unknown field is read as absent at every nesting level; a `null` in a required field is
 * refused naming it; what a parse returns carries no `null`.
 */

type Json = Record<string, unknown>;

/** Every path holding a `null` anywhere in `value`. */
function nullPaths(value: unknown, at = ''): string[] {
  if (value === null) return [at];
  if (Array.isArray(value)) return value.flatMap((item, index) => nullPaths(item, `${at}[${index}]`));
  if (typeof value === 'object') {
    return Object.entries(value as Json).flatMap(([key, field]) =>
      nullPaths(field, at ? `${at}.${key}` : key),
    );
  }
  return [];
}

function gentLocation() {
  return loadExample<Json & { evses: (Json & { connectors: Json[] })[] }>('location_example.json');
}

function startSession(): Json {
  return {
    response_url: 'https://emsp.example.com/commands/START_SESSION/1',
    token: loadExample('token_example_2_full_rfid.json'),
    location_id: 'LOC1',
  };
}

describe('a null in an optional field', () => {
  it('is absent at every nesting level of a Location: the object, a nested object, list items and their lists', () => {
    // Prepare
    const location = gentLocation();
    location.postal_code = null;
    location.opening_times = null;
    location.operator = { name: 'BeCharged', website: null, logo: null };
    location.evses[0]!.floor_level = null;
    location.evses[0]!.directions = null;
    location.evses[0]!.connectors[0]!.max_electric_power = null;
    location.evses[0]!.connectors[1]!.tariff_ids = null;
    location.evses[0]!.connectors[1]!.terms_and_conditions = null;

    // Act
    const parsed = parseOrThrow(LocationSchema, location, 'Location');

    // Assess
    expect(nullPaths(parsed)).toEqual([]);
    expect('postal_code' in parsed).toBe(false);
    expect(parsed.operator).toEqual({ name: 'BeCharged' });
    expect('floor_level' in parsed.evses![0]!).toBe(false);
    expect('max_electric_power' in parsed.evses![0]!.connectors[0]!).toBe(false);
    expect(parsed.evses![0]!.connectors[1]!.id).toBe(location.evses[0]!.connectors[1]!.id);
  });

  it.each<[string, () => z.ZodMiniType, () => unknown, string]>([
    [
      'Credentials business_details.website',
      () => CredentialsSchema,
      () => loadExample('credentials_example.json'),
      'roles[0].business_details.website',
    ],
    [
      'Credentials business_details.logo',
      () => CredentialsSchema,
      () => loadExample('credentials_example.json'),
      'roles[0].business_details.logo',
    ],
    [
      'VersionDetails endpoint unknown field',
      () => VersionDetailsSchema,
      () => loadExample('version_details_example.json'),
      'endpoints[0].x_note',
    ],
    ['EVSE coordinates', () => EVSESchema, () => gentLocation().evses[0], 'coordinates'],
    ['Tariff min_price', () => TariffSchema, () => loadExample('tariff_4_complex.json'), 'min_price'],
    [
      'Tariff element restrictions',
      () => TariffSchema,
      () => loadExample('tariff_4_complex.json'),
      'elements[0].restrictions',
    ],
    ['Token group_id', () => TokenSchema, () => loadExample('token_example_2_full_rfid.json'), 'group_id'],
    [
      'Token energy_contract.contract_id',
      () => TokenSchema,
      () => loadExample('token_example_2_full_rfid.json'),
      'energy_contract.contract_id',
    ],
    [
      'Session end_date_time',
      () => SessionSchema,
      () => loadExample('session_example_1_simple_start.json'),
      'end_date_time',
    ],
    [
      'Session total_cost.incl_vat',
      () => SessionSchema,
      () => loadExample('session_example_1_simple_start.json'),
      'total_cost.incl_vat',
    ],
    ['CDR session_id', () => CDRSchema, () => loadExample('cdr_example.json'), 'session_id'],
    [
      'CDR cdr_location.postal_code',
      () => CDRSchema,
      () => loadExample('cdr_example.json'),
      'cdr_location.postal_code',
    ],
    [
      'CDR charging period tariff_id',
      () => CDRSchema,
      () => loadExample('cdr_example.json'),
      'charging_periods[0].tariff_id',
    ],
    ['CDR embedded tariff type', () => CDRSchema, () => loadExample('cdr_example.json'), 'tariffs[0].type'],
    ['StartSession evse_uid', () => StartSessionSchema, startSession, 'evse_uid'],
    ['StartSession token.visual_number', () => StartSessionSchema, startSession, 'token.visual_number'],
    [
      'CommandResponse message',
      () => CommandResponseSchema,
      () => ({ result: 'ACCEPTED', timeout: 30 }),
      'message',
    ],
    [
      'AuthorizationInfo location',
      () => AuthorizationInfoSchema,
      () => ({ allowed: 'ALLOWED', token: loadExample('token_example_2_full_rfid.json') }),
      'location',
    ],
    [
      'ChargingPreferences departure_time',
      () => ChargingPreferencesSchema,
      () => ({ profile_type: 'FAST' }),
      'departure_time',
    ],
    [
      'SetChargingProfile charging_profile.duration',
      () => SetChargingProfileSchema,
      () => ({ charging_profile: { charging_rate_unit: 'W' }, response_url: 'https://scsp.example.com/r/1' }),
      'charging_profile.duration',
    ],
    [
      'ClientInfo unknown field',
      () => ClientInfoSchema,
      () => ({
        party_id: 'CPO',
        country_code: 'NL',
        role: 'CPO',
        status: 'CONNECTED',
        last_updated: '2024-01-01T00:00:00Z',
      }),
      'x_comment',
    ],
    [
      'Location PATCH name',
      () => LocationPatchSchema,
      () => ({ last_updated: '2024-01-01T00:00:00Z' }),
      'name',
    ],
    ['Session PATCH kwh', () => SessionPatchSchema, () => ({ last_updated: '2024-01-01T00:00:00Z' }), 'kwh'],
    ['Token PATCH valid', () => TokenPatchSchema, () => ({ last_updated: '2024-01-01T00:00:00Z' }), 'valid'],
    [
      'Connector PATCH standard',
      () => ConnectorPatchSchema,
      () => ({ last_updated: '2024-01-01T00:00:00Z' }),
      'standard',
    ],
  ])('is absent in %s', (_what, schema, object, path) => {
    // Prepare
    const value = object();
    setAt(value, path, null);

    // Act
    const result = schema().safeParse(value);

    // Assess
    expect(result.success ? [] : schemaIssues(schema(), value)).toEqual([]);
    expect(nullPaths(result.data)).toEqual([]);
  });

  it('leaves the input object untouched', () => {
    // Prepare
    const token = loadExample('token_example_2_full_rfid.json');
    token.group_id = null;

    // Act
    TokenSchema.parse(token);

    // Assess
    expect(token.group_id).toBeNull();
  });
});

describe('a null in a required field', () => {
  /** Schemas by name: vitest would format a schema object given as a test parameter. */
  const SCHEMAS: Record<string, z.ZodMiniType> = {
    Location: LocationSchema,
    CDR: CDRSchema,
    Credentials: CredentialsSchema,
    VersionDetails: VersionDetailsSchema,
    'Token PATCH': TokenPatchSchema,
  };
  const OBJECTS: Record<string, () => unknown> = {
    Location: gentLocation,
    CDR: () => loadExample('cdr_example.json'),
    Credentials: () => loadExample('credentials_example.json'),
    VersionDetails: () => loadExample('version_details_example.json'),
    'Token PATCH': () => ({ valid: false, last_updated: '2024-01-01T00:00:00Z' }),
  };

  it.each([
    ['Location', 'country_code'],
    ['Location', 'coordinates'],
    ['Location', 'operator.name'],
    ['Location', 'evses[0].status'],
    ['Location', 'evses[0].connectors[1].standard'],
    ['CDR', 'cdr_token.uid'],
    ['CDR', 'charging_periods[0].dimensions[0].volume'],
    ['Credentials', 'roles[0].business_details.name'],
    ['VersionDetails', 'endpoints[1].url'],
    ['Token PATCH', 'last_updated'],
  ])('is refused in a %s at %s, naming the field', (what, path) => {
    // Prepare
    const value = OBJECTS[what]!();
    setAt(value, path, null);

    // Act
    const issues = schemaIssues(SCHEMAS[what]!, value);

    // Assess
    expect(issues).toEqual([{ fieldPath: path, message: 'must not be null' }]);
  });

  it('names the field in the SchemaValidationError message', () => {
    // Prepare
    const location = gentLocation();
    location.evses[0]!.connectors[1]!.standard = null;

    // Act + Assess
    expect(() => parseOrThrow(LocationSchema, location, 'Location')).toThrow(
      'Invalid Location.evses[0].connectors[1].standard: must not be null',
    );
  });

  it('is refused as a list item, naming its index', () => {
    // Prepare
    const location = gentLocation();
    (location as Json).evses = [location.evses[0], null];

    // Act + Assess
    expect(schemaIssues(LocationSchema, location)).toEqual([
      { fieldPath: 'evses[1]', message: 'must not be null' },
    ]);
  });
});

describe('unknown fields', () => {
  it('lose the nulls they hold, at any depth, and keep everything else', () => {
    // Prepare
    const location = gentLocation();
    location.x_vendor = { rating: null, tags: ['fast', null], nested: { a: null, b: 1 } };
    location.evses[0]!.x_gone = null;

    // Act
    const parsed = LocationSchema.parse(location);

    // Assess
    expect(parsed['x_vendor']).toEqual({ tags: ['fast'], nested: { b: 1 } });
    expect('x_gone' in parsed.evses![0]!).toBe(false);
  });
});

describe('withoutNulls', () => {
  it('returns the same value when it holds no null', () => {
    // Prepare
    const token = loadExample('token_example_2_full_rfid.json');

    // Act + Assess
    expect(withoutNulls(token)).toBe(token);
  });

  it('drops null fields and list items at any depth without changing its input', () => {
    // Prepare
    const raw = { a: null, b: { c: null, d: [null, 1, { e: null }] }, f: 'kept' };

    // Act
    const normalized = withoutNulls(raw);

    // Assess
    expect(normalized).toEqual({ b: { d: [1, {}] }, f: 'kept' });
    expect(raw.a).toBeNull();
  });

  it('keeps a field named __proto__ a plain field', () => {
    // Prepare
    const raw = JSON.parse('{"__proto__": {"polluted": true, "gone": null}}');

    // Act
    const normalized = withoutNulls(raw) as Json;

    // Assess
    expect(Object.getPrototypeOf(normalized)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(normalized, '__proto__')?.value).toEqual({ polluted: true });
  });
});
