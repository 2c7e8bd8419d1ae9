import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseEnvelope } from '../../../functions/ocpi/envelope';
import {
  CDR211Schema,
  Connector211PatchSchema,
  Credentials211Schema,
  EVSE211PatchSchema,
  EVSE211Schema,
  Location211PatchSchema,
  Location211Schema,
  Session211PatchSchema,
  Session211Schema,
  Tariff211PatchSchema,
  Tariff211Schema,
  Token211PatchSchema,
  Token211Schema,
  Version211Schema,
  VersionDetails211Schema,
} from '../../../functions/ocpi/v211/schemas';
import { issuePaths } from '../schemas/issue-paths';
import { exampleFileNames, loadExample } from '../schemas/load-example';

/**
 * Every official 2.1.1 example (JSON blocks of the 2.1.1 text) is parsed with the schema of what its
 * chapter shows it as. The known defects (ocpi-notes §9, "2.1.1 only" and items 1-2) must be rejected at
 * exactly the defective fields and nowhere else.
 */
const SCHEMAS: Record<string, z.core.$ZodType | undefined> = {
  'credentials_example_01.json': Credentials211Schema,
  'mod_cdrs_example_01.json': CDR211Schema,
  // PATCH bodies, by what the example's URL addresses: an EVSE, a Location, a Connector.
  'mod_locations_example_01.json': EVSE211PatchSchema,
  'mod_locations_example_02.json': Location211PatchSchema,
  'mod_locations_example_03.json': Connector211PatchSchema,
  'mod_locations_example_04.json': EVSE211Schema,
  'mod_locations_example_05.json': EVSE211PatchSchema,
  'mod_locations_example_06.json': Location211Schema,
  'mod_sessions_example_01.json': Session211PatchSchema,
  'mod_sessions_example_02.json': Session211Schema,
  'mod_sessions_example_03.json': Session211Schema,
  'mod_tariffs_example_01.json': Tariff211Schema,
  'mod_tariffs_example_02.json': Tariff211PatchSchema,
  'mod_tariffs_example_03.json': Tariff211Schema,
  'mod_tariffs_example_04.json': Tariff211Schema,
  'mod_tariffs_example_05.json': Tariff211Schema,
  'mod_tariffs_example_06.json': Tariff211Schema,
  'mod_tariffs_example_07.json': Tariff211Schema,
  'mod_tokens_example_01.json': Token211Schema,
  'mod_tokens_example_02.json': Token211PatchSchema,
  'mod_tokens_example_03.json': Token211Schema,
  // transport_and_format blocks are whole envelopes: the schema is that of their `data`.
  'transport_and_format_example_01.json': z.array(Version211Schema),
  'transport_and_format_example_02.json': VersionDetails211Schema,
  'transport_and_format_example_03.json': Token211Schema,
  'transport_and_format_example_04.json': z.array(Token211Schema),
  'transport_and_format_example_05.json': z.undefined(),
  'version_information_endpoint_example_01.json': z.array(Version211Schema),
  'version_information_endpoint_example_02.json': VersionDetails211Schema,
};

function payloadOf(fileName: string): unknown {
  const example = loadExample(fileName, '2.1.1');
  return fileName.startsWith('transport_and_format_') ? example.data : example;
}

/** The defects of the 2.1.1 examples (ocpi-notes §9), as the exact field paths rejected. */
const SCHEMA_DEFECTS: Record<string, string[]> = {
  // The session and CDR examples give the location's country as "BE", where ISO alpha-3 "BEL" is due.
  'mod_cdrs_example_01.json': ['location.country', 'tariffs[0].elements[0].price_components[0].price'],
  'mod_sessions_example_02.json': ['location.country'],
  'mod_sessions_example_03.json': ['location.country'],
  // EVSE PUT: floor_level and physical_reference are numbers, the EVSE has no last_updated and its
  // connector lacks power type, voltage, amperage and last_updated (ocpi-notes §9 item 1).
  'mod_locations_example_04.json': [
    'connectors[0].amperage',
    'connectors[0].last_updated',
    'connectors[0].power_type',
    'connectors[0].voltage',
    'floor_level',
    'last_updated',
    'physical_reference',
  ],
  'mod_tariffs_example_01.json': ['last_updated'],
  'transport_and_format_example_01.json': ['[0].version'],
};

const allFiles = exampleFileNames('2.1.1');
const conforming = allFiles.filter((name) => SCHEMA_DEFECTS[name] === undefined);

function paths(fileName: string): string[] {
  return issuePaths(SCHEMAS[fileName]!, payloadOf(fileName));
}

describe('official OCPI 2.1.1 examples', () => {
  it('finds all 28 example blocks and has a schema for each', () => {
    // Act
    const unmapped = allFiles.filter((name) => SCHEMAS[name] === undefined);

    // Assess
    expect(allFiles).toHaveLength(28);
    expect(unmapped).toEqual([]);
  });

  it.each(conforming)('accepts %s', (fileName) => {
    // Act
    const rejected = paths(fileName);

    // Assess
    expect(rejected).toEqual([]);
  });

  it.each(Object.entries(SCHEMA_DEFECTS))('rejects %s at exactly %j', (fileName, expected) => {
    // Act
    const rejected = paths(fileName);

    // Assess
    expect(rejected).toEqual(expected);
  });

  it.each(allFiles.filter((name) => name.startsWith('transport_and_format_')))(
    'reads the envelope of %s',
    (fileName) => {
      // Act
      const envelope = parseEnvelope(loadExample(fileName, '2.1.1'));

      // Assess
      expect(envelope?.timestamp).toBe('2015-06-30T21:59:59Z');
      expect([1000, 2001]).toContain(envelope?.status_code);
    },
  );
});
