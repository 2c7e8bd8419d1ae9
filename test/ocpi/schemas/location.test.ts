import { describe, expect, it } from 'vitest';
import {
  ConnectorPatchSchema,
  EVSE_STATUSES,
  EVSEPatchSchema,
  LocationPatchSchema,
  LocationSchema,
  parseOrThrow,
  SchemaValidationError,
} from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';
import { loadExample } from './load-example';

type Json = Record<string, unknown>;

function gentLocation(): Json & { evses: (Json & { connectors: Json[] })[] } {
  return loadExample('location_example.json');
}

describe('LocationSchema', () => {
  it('keeps unknown fields on the location, its EVSEs and their connectors', () => {
    // Prepare
    const location = gentLocation();
    location.x_custom = 'kept';
    location.evses[0]!.x_evse = 1;
    location.evses[0]!.connectors[0]!.x_connector = { nested: true };

    // Act
    const parsed = LocationSchema.parse(location);

    // Assess
    expect(parsed['x_custom']).toBe('kept');
    expect(parsed.evses?.[0]?.['x_evse']).toBe(1);
    expect(parsed.evses?.[0]?.connectors[0]?.['x_connector']).toEqual({ nested: true });
  });

  it('names the nested path of a connector field with the wrong type', () => {
    // Prepare
    const location = gentLocation();
    location.evses[0]!.connectors[1]!.max_voltage = '220';

    // Act
    const act = () => parseOrThrow(LocationSchema, location, 'Location');

    // Assess
    expect(act).toThrow(SchemaValidationError);
    expect(act).toThrow(/evses\[0\]\.connectors\[1\]\.max_voltage/);
  });

  it('rejects an EVSE without connectors', () => {
    // Prepare
    const location = gentLocation();
    location.evses[0]!.connectors = [];

    // Act + Assess
    expect(issuePaths(LocationSchema, location)).toEqual(['evses[0].connectors']);
  });

  it.each([
    ['id', 'L'.repeat(37)],
    ['country_code', 'BEL'],
    ['party_id', 'BE'],
    ['address', 'a'.repeat(256)],
    ['state', 's'.repeat(46)],
    ['postal_code', '1'.repeat(11)],
    ['city', 'c'.repeat(46)],
  ])('rejects an oversized or missized %s', (field, value) => {
    // Prepare
    const location = gentLocation();
    location[field] = value;

    // Act + Assess
    expect(issuePaths(LocationSchema, location)).toEqual([field]);
  });

  it('accepts the errata sizes: address 255 and state 45', () => {
    // Prepare
    const location = gentLocation();
    location.address = 'a'.repeat(255);
    location.state = 's'.repeat(45);
    location.id = 'L'.repeat(36);

    // Act + Assess
    expect(issuePaths(LocationSchema, location)).toEqual([]);
  });

  it('rejects a CiString id with non-ASCII characters', () => {
    // Prepare
    const location = gentLocation();
    location.id = 'LOCé';

    // Act + Assess
    expect(issuePaths(LocationSchema, location)).toEqual(['id']);
  });

  it.each(['Gent\nZuid', 'Gent\rZuid', 'Gent\tZuid'])(
    'rejects a string with a control character (%j)',
    (name) => {
      // Prepare
      const location = gentLocation();
      location.name = name;

      // Act + Assess
      expect(issuePaths(LocationSchema, location)).toEqual(['name']);
    },
  );

  it('accepts non-ASCII text in a plain string field', () => {
    // Prepare
    const location = gentLocation();
    location.city = 'Köln';

    // Act + Assess
    expect(issuePaths(LocationSchema, location)).toEqual([]);
  });

  it('rejects an EVSE status outside the 2.2.1 enum', () => {
    // Prepare
    const location = gentLocation();
    location.evses[0]!.status = 'OCCUPIED';

    // Act + Assess
    expect(EVSE_STATUSES).not.toContain('OCCUPIED');
    expect(issuePaths(LocationSchema, location)).toEqual(['evses[0].status']);
  });

  it('rejects publish_allowed_to on a published location', () => {
    // Prepare
    const location = gentLocation();
    location.publish_allowed_to = [{ group_id: 'G1' }];

    // Act + Assess
    expect(issuePaths(LocationSchema, location)).toEqual(['publish_allowed_to']);
  });

  it('accepts publish_allowed_to on an unpublished location', () => {
    // Prepare
    const location = gentLocation();
    location.publish = false;
    location.publish_allowed_to = [{ group_id: 'G1' }, { uid: '0123', type: 'RFID' }];

    // Act + Assess
    expect(issuePaths(LocationSchema, location)).toEqual([]);
  });

  it('requires last_updated', () => {
    // Prepare
    const location = gentLocation();
    delete location.last_updated;

    // Act + Assess
    expect(issuePaths(LocationSchema, location)).toEqual(['last_updated']);
  });
});

describe('Location, EVSE and Connector PATCH schemas', () => {
  it.each([
    ['Location', LocationPatchSchema, { name: 'New name' }],
    ['EVSE', EVSEPatchSchema, { status: 'CHARGING' }],
    ['Connector', ConnectorPatchSchema, { tariff_ids: ['15'] }],
  ])('rejects a %s PATCH without last_updated', (_what, schema, body) => {
    // Act + Assess
    expect(issuePaths(schema, body)).toEqual(['last_updated']);
  });

  it('accepts a PATCH holding only last_updated and keeps unknown fields', () => {
    // Act
    const parsed = EVSEPatchSchema.parse({ last_updated: '2019-06-24T12:39:09Z', x_extra: 'kept' });

    // Assess
    expect(parsed['x_extra']).toBe('kept');
  });

  it('still validates the fields a PATCH does carry', () => {
    // Act + Assess
    expect(
      issuePaths(ConnectorPatchSchema, { max_voltage: 'high', last_updated: '2019-06-24T12:39:09Z' }),
    ).toEqual(['max_voltage']);
  });

  it('validates nested objects of a PATCH in full', () => {
    // Prepare
    const body = { evses: [{ uid: '3256', connectors: [] }], last_updated: '2019-06-24T12:39:09Z' };

    // Act + Assess
    expect(issuePaths(LocationPatchSchema, body)).toEqual([
      'evses[0].connectors',
      'evses[0].last_updated',
      'evses[0].status',
    ]);
  });

  it('rejects a PATCH that publishes and restricts visibility at once', () => {
    // Prepare
    const body = {
      publish: true,
      publish_allowed_to: [{ group_id: 'G1' }],
      last_updated: '2019-06-24T12:39:09Z',
    };

    // Act + Assess
    expect(issuePaths(LocationPatchSchema, body)).toEqual(['publish_allowed_to']);
  });
});
