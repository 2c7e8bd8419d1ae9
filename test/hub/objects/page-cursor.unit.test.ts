import { describe, expect, it } from 'vitest';
import { generateKeyMaterial, TokenKeys } from '../../../functions/hub/auth/token-keys';
import { decodeCursor, encodeCursor } from '../../../functions/hub/objects/page-cursor';
import { InvalidParametersError } from '../../../functions/ocpi/errors';

const keys = new TokenKeys(generateKeyMaterial());
const after = '2024-01-01T00:10:00.000Z#NL*CP1*LOC1';
const range = { from: 1_000, to: 2_000 };
const partner = 'partner-a';

describe('page cursors', () => {
  it('round-trips the position and the filtered total', () => {
    // Act
    const cursor = encodeCursor(keys, 'locations', range, partner, { after, total: 7 });
    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(keys, cursor, 'locations', range, partner)).toEqual({ after, total: 7 });
  });

  it('refuses a cursor signed with another key, edited, for another list or of another partner', () => {
    // Prepare
    const cursor = encodeCursor(keys, 'locations', range, partner, { after });
    const [body, signature] = cursor.split('.');
    const edited = { m: 'locations', p: partner, a: 'x', f: range.from, t: range.to };
    const forged = `${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature}`;
    const otherKeys = new TokenKeys(generateKeyMaterial());
    // Act
    const attempts = [
      () => decodeCursor(otherKeys, cursor, 'locations', range, partner),
      () => decodeCursor(keys, forged, 'locations', range, partner),
      () => decodeCursor(keys, `${body}`, 'locations', range, partner),
      () => decodeCursor(keys, `${cursor}\u0000`, 'locations', range, partner),
      () => decodeCursor(keys, `${cursor}.x`, 'locations', range, partner),
      () => decodeCursor(keys, cursor, 'tokens', range, partner),
      () => decodeCursor(keys, cursor, 'locations', { from: 1_000 }, partner),
      () => decodeCursor(keys, cursor, 'locations', range, 'partner-b'),
      () => decodeCursor(keys, 'garbage', 'locations', range, partner),
    ];
    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(InvalidParametersError);
  });

  it('opens a cursor sealed before a re-key (previous key material)', () => {
    // Prepare
    const previous = generateKeyMaterial();
    const cursor = encodeCursor(new TokenKeys(previous), 'tariffs', {}, partner, { after });
    const rekeyed = new TokenKeys(generateKeyMaterial(), previous);
    // Act / Assess
    expect(decodeCursor(rekeyed, cursor, 'tariffs', {}, partner)).toEqual({ after });
  });
});
