import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  CDRSchema,
  ConnectorPatchSchema,
  CredentialsSchema,
  DisplayTextSchema,
  EnergyMixSchema,
  EVSEPatchSchema,
  EVSESchema,
  HoursSchema,
  LocationPatchSchema,
  LocationSchema,
  type PlausibilityKind,
  plausibilityWarnings,
  SessionPatchSchema,
  SessionSchema,
  schemaIssues,
  TariffSchema,
  TokenPatchSchema,
  TokenSchema,
  VERSION_NUMBERS,
  VersionDetailsSchema,
  VersionSchema,
} from '../../../functions/ocpi/schemas';
import { exampleFileNames, loadExample } from './load-example';

/**
 * Every official 2.2.1 example is parsed with the schema its name implies. The known defects of the
 * examples (ocpi-notes §9) must be reported at exactly the defective fields, and nowhere else.
 */

/** Some examples are fragments of a Location, e.g. `{ "opening_times": {...} }`. */
const OpeningTimesFragmentSchema = z.looseObject({ opening_times: HoursSchema });
const EnergyMixFragmentSchema = z.looseObject({ energy_mix: EnergyMixSchema });

/** The patch examples by what their URL would address (locations §8.2.2.3 examples). */
const EXACT_SCHEMAS: Record<string, z.ZodMiniType> = {
  'location_patch_example_location.json': LocationPatchSchema,
  'location_patch_example_remove_evse.json': EVSEPatchSchema,
  'location_patch_example_status.json': EVSEPatchSchema,
  'location_patch_example_tariff.json': ConnectorPatchSchema,
  'location_put_example_add_evse.json': EVSESchema,
  'location_regularhours_example.json': OpeningTimesFragmentSchema,
  'token_patch_example.json': TokenPatchSchema,
  'transport_and_format_get_token_example.json': TokenSchema,
  'transport_and_format_get_token_list_example.json': z.array(TokenSchema),
  'transport_and_format_version_details_example.json': VersionDetailsSchema,
  'transport_and_format_version_info_example.json': z.array(VersionSchema),
  'type_displaytext_example.json': DisplayTextSchema,
  'versions_info_example.json': z.array(VersionSchema),
};

const PREFIX_SCHEMAS: ReadonlyArray<readonly [string, z.ZodMiniType]> = [
  ['cdr_', CDRSchema],
  ['credentials_', CredentialsSchema],
  ['location_energymix_', EnergyMixFragmentSchema],
  ['location_example', LocationSchema],
  ['location_hours_', HoursSchema],
  ['session_patch_', SessionPatchSchema],
  ['session_example', SessionSchema],
  ['tariff', TariffSchema],
  ['token_', TokenSchema],
  ['version_details_', VersionDetailsSchema],
];

function schemaFor(fileName: string): z.ZodMiniType | undefined {
  return EXACT_SCHEMAS[fileName] ?? PREFIX_SCHEMAS.find(([prefix]) => fileName.startsWith(prefix))?.[1];
}

/** `transport_and_format_*` files are full response envelopes: the object is their `data`. */
function payloadOf(fileName: string): unknown {
  const example = loadExample(fileName);
  return fileName.startsWith('transport_and_format_') ? example.data : example;
}

/** Schema defects of the examples (ocpi-notes §9 items 1 and 2), as the exact field paths rejected. */
const SCHEMA_DEFECTS: Record<string, string[]> = {
  // PUT EVSE: physical_reference is a number (string(16)); the connector lacks four required fields.
  // Its `floor` is merely an unknown field (loose objects keep it), so it is not reported.
  'location_put_example_add_evse.json': [
    'connectors[0].last_updated',
    'connectors[0].max_amperage',
    'connectors[0].max_voltage',
    'connectors[0].power_type',
    'physical_reference',
  ],
  // Tariff PUT without the required last_updated.
  'tariff_put_example.json': ['last_updated'],
};

/** Plausibility defects (ocpi-notes §9 items 3 and 4): schema-valid, but the data is wrong. */
const PLAUSIBILITY_DEFECTS: Record<string, string[]> = {
  'cdr_example.json': [
    'cdr_location.coordinates: latitude 3.729944 and longitude 51.047599 look swapped for country BEL',
  ],
  'session_example_2_short_finished.json': [
    'charging_periods: ENERGY volumes sum to 41120 but kwh is 41.12; they look like Wh instead of kWh',
  ],
  'session_patch_example_charging_period.json': [
    'charging_periods: ENERGY volumes sum to 2200 but kwh is 15; they look like Wh instead of kWh',
  ],
};

function plausibilityKindOf(fileName: string): PlausibilityKind | undefined {
  if (fileName.startsWith('cdr_')) return 'cdr';
  if (fileName.startsWith('session_')) return 'session';
  if (fileName.startsWith('location_example')) return 'location';
  return undefined;
}

const allFiles = exampleFileNames();
const conformingFiles = allFiles.filter((name) => SCHEMA_DEFECTS[name] === undefined);

describe('official OCPI 2.2.1 examples', () => {
  it('finds all 59 example files and has a schema for each', () => {
    // Act
    const unmapped = allFiles.filter((name) => schemaFor(name) === undefined);

    // Assess
    expect(allFiles).toHaveLength(59);
    expect(unmapped).toEqual([]);
  });

  it.each(conformingFiles)('accepts %s', (fileName) => {
    // Prepare
    const schema = schemaFor(fileName)!;

    // Act
    const issues = schemaIssues(schema, payloadOf(fileName));

    // Assess
    expect(issues).toEqual([]);
  });

  it.each(Object.entries(SCHEMA_DEFECTS))('rejects %s at exactly %j', (fileName, expectedPaths) => {
    // Prepare
    const schema = schemaFor(fileName)!;

    // Act
    const paths = schemaIssues(schema, payloadOf(fileName)).map((issue) => issue.fieldPath);

    // Assess
    expect(paths.sort()).toEqual(expectedPaths);
  });

  it('keeps the unknown `floor` of location_put_example_add_evse once its real defects are fixed', () => {
    // Prepare
    const evse = loadExample('location_put_example_add_evse.json');
    evse.physical_reference = '3';
    const connectors = evse.connectors as Record<string, unknown>[];
    Object.assign(connectors[0]!, {
      power_type: 'AC_3_PHASE',
      max_voltage: 230,
      max_amperage: 16,
      last_updated: '2019-06-24T12:39:09Z',
    });

    // Act
    const parsed = EVSESchema.parse(evse);

    // Assess
    expect(parsed['floor']).toBe(-1);
  });

  it.each([
    'version_details_example.json',
    'version_details_example2.json',
    'transport_and_format_version_details_example.json',
  ])('accepts %s advertising the deprecated version "2.2", which is still a VersionNumber', (fileName) => {
    // Act
    const details = VersionDetailsSchema.parse(payloadOf(fileName));

    // Assess
    expect(details.version).toBe('2.2');
    expect(VERSION_NUMBERS).toContain('2.2');
  });

  const plausibilityFiles = allFiles.filter((name) => plausibilityKindOf(name) !== undefined);

  it.each(plausibilityFiles)('reports exactly the known plausibility defects of %s', (fileName) => {
    // Prepare
    const kind = plausibilityKindOf(fileName)!;

    // Act
    const warnings = plausibilityWarnings(kind, payloadOf(fileName));

    // Assess
    expect(warnings).toEqual(PLAUSIBILITY_DEFECTS[fileName] ?? []);
  });

  it('checks plausibility on every example named as defective', () => {
    // Act
    const unchecked = Object.keys(PLAUSIBILITY_DEFECTS).filter((name) => !plausibilityFiles.includes(name));

    // Assess
    expect(unchecked).toEqual([]);
  });
});
