import { describe, expect, it } from 'vitest';
import { partyKey, partyOfKey, sameParty } from '../../functions/ocpi/party';

describe('sameParty', () => {
  it('compares case-insensitively', () => {
    // Prepare
    const a = { country_code: 'nl', party_id: 'abc' };
    const b = { country_code: 'NL', party_id: 'ABC' };

    // Act / Assess
    expect(sameParty(a, b)).toBe(true);
    expect(sameParty(a, { country_code: 'NL', party_id: 'ABD' })).toBe(false);
    expect(sameParty(a, { country_code: 'BE', party_id: 'ABC' })).toBe(false);
  });

  it('is false when either side is missing', () => {
    // Prepare
    const a = { country_code: 'NL', party_id: 'ABC' };

    // Act / Assess
    expect(sameParty(a, undefined)).toBe(false);
    expect(sameParty(undefined, undefined)).toBe(false);
  });
});

describe('partyKey', () => {
  it('upper-cases into an NL*ABC style key, with the role when given', () => {
    // Prepare
    const ref = { country_code: 'nl', party_id: 'aBc' };

    // Act
    const keys = [partyKey(ref), partyKey(ref, 'cpo')];

    // Assess
    expect(keys).toEqual(['NL*ABC', 'NL*ABC*CPO']);
  });
});

describe('partyOfKey', () => {
  it('reads a party back from its key', () => {
    // Act / Assess
    expect(partyOfKey(partyKey({ country_code: 'nl', party_id: 'abc' }))).toEqual({
      country_code: 'NL',
      party_id: 'ABC',
    });
  });
});
