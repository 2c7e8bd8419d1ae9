import { describe, expect, it } from 'vitest';
import { generateKeyMaterial, TokenKeys } from '../../../functions/hub/auth/token-keys';
import { decodeCursor, encodeCursor } from '../../../functions/hub/objects/page-cursor';
import { InvalidParametersError } from '../../../functions/ocpi/errors';

const keys = new TokenKeys(generateKeyMaterial());
const after = '2024-01-01T00:10:00.000Z#NL*CP1*LOC1';
const range = { from: 1_000, to: 2_000 };

describe('page cursors', () => {
  it('round-trips the position and the filtered total', () => {
    // Act
    const cursor = encodeCursor(keys, 'locations', range, { after, total: 7 });
    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(keys, cursor, 'locations', range)).toEqual({ after, total: 7 });
  });

  it('refuses a cursor signed with another key, edited, or for another list', () => {
    // Prepare
    const cursor = encodeCursor(keys, 'locations', range, { after });
    const [body, signature] = cursor.split('.');
    const forged = `${Buffer.from(JSON.stringify({ m: 'locations', a: 'x' })).toString('base64url')}.${signature}`;
    const otherKeys = new TokenKeys(generateKeyMaterial());
    // Act
    const attempts = [
      () => decodeCursor(otherKeys, cursor, 'locations', range),
      () => decodeCursor(keys, forged, 'locations', range),
      () => decodeCursor(keys, `${body}`, 'locations', range),
      () => decodeCursor(keys, cursor, 'tokens', range),
      () => decodeCursor(keys, cursor, 'locations', { from: 1_000 }),
      () => decodeCursor(keys, 'garbage', 'locations', range),
    ];
    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(InvalidParametersError);
  });
});
