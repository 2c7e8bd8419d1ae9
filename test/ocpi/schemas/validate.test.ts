import { describe, expect, it } from 'vitest';
import {
  CredentialsSchema,
  formatIssuePath,
  LocationSchema,
  parseOrThrow,
  SchemaValidationError,
  schemaIssues,
  TokenSchema,
} from '../../../functions/ocpi/schemas';
import { loadExample } from './load-example';

/** The SchemaValidationError thrown by `act`; anything else (or nothing) fails the test. */
function thrownBy(act: () => unknown): SchemaValidationError {
  try {
    act();
  } catch (error) {
    if (error instanceof SchemaValidationError) return error;
    throw error;
  }
  throw new Error('expected a SchemaValidationError, but nothing was thrown');
}

describe('formatIssuePath', () => {
  it.each([
    [['evses', 0, 'connectors', 1, 'max_voltage'], 'evses[0].connectors[1].max_voltage'],
    [['last_updated'], 'last_updated'],
    [[0, 'uid'], '[0].uid'],
    [[], ''],
    [['weird key'], '["weird key"]'],
  ])('formats %j as %j', (path, expected) => {
    // Act + Assess
    expect(formatIssuePath(path)).toBe(expected);
  });
});

describe('parseOrThrow', () => {
  it('returns the parsed object with unknown fields kept', () => {
    // Prepare
    const token = { ...loadExample('token_put_example.json'), x_loyalty: 'gold' };

    // Act
    const parsed = parseOrThrow(TokenSchema, token, 'Token');

    // Assess
    expect(parsed).toEqual(token);
  });

  it('throws a SchemaValidationError naming the first offending field path', () => {
    // Prepare
    const location = loadExample<{ evses: { connectors: Record<string, unknown>[] }[] }>(
      'location_example.json',
    );
    location.evses[0]!.connectors[1]!.max_voltage = 'high';

    // Act
    const error = thrownBy(() => parseOrThrow(LocationSchema, location, 'Location'));

    // Assess
    expect(error).toBeInstanceOf(Error);
    expect(error.fieldPath).toBe('evses[0].connectors[1].max_voltage');
    expect(error.message).toBe(
      'Invalid Location.evses[0].connectors[1].max_voltage: Invalid input: expected number, received string',
    );
    expect(error.issues).toHaveLength(1);
  });

  it('says "is required" for a missing field and counts further issues', () => {
    // Act
    const error = thrownBy(() => parseOrThrow(TokenSchema, { country_code: 'NL' }, 'Token'));

    // Assess
    expect(error.fieldPath).toBe('party_id');
    expect(error.message).toMatch(/^Invalid Token\.party_id: is required \(and \d+ more\)$/);
  });

  it('names the object itself when the failure is at the root', () => {
    // Act
    const error = thrownBy(() => parseOrThrow(TokenSchema, 'not an object', 'Token'));

    // Assess
    expect(error.fieldPath).toBe('');
    expect(error.message).toMatch(/^Invalid Token: /);
  });

  it('never echoes the rejected value, which may be a secret', () => {
    // Prepare
    const credentials = { ...loadExample('credentials_example.json'), token: 'super secret token' };

    // Act
    const issues = schemaIssues(CredentialsSchema, credentials);
    const error = thrownBy(() => parseOrThrow(CredentialsSchema, credentials, 'Credentials'));

    // Assess
    expect(issues.map((issue) => issue.fieldPath)).toEqual(['token']);
    expect(error.fieldPath).toBe('token');
    expect(error.message).not.toContain('secret');
  });
});
