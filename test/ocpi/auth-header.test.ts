import { describe, expect, it } from 'vitest';
import {
  formatTokenHeader,
  isValidCredentialsToken,
  tokenCandidates,
} from '../../functions/ocpi/auth-header';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

describe('tokenCandidates', () => {
  it('decodes a base64 token (2.2.1 form) after trying the raw value', () => {
    // Prepare
    const token = 'ebf3b399-779f-4497-9b9d-ac6ad3cc44d2';

    // Act
    const candidates = tokenCandidates(`Token ${b64(token)}`);

    // Assess
    expect(candidates).toEqual([b64(token), token]);
  });

  it('returns only the raw value when it is not base64 (2.1.1 form)', () => {
    // Prepare
    const token = 'ebf3b399-779f-4497-9b9d-ac6ad3cc44d2';

    // Act
    const candidates = tokenCandidates(`Token ${token}`);

    // Assess
    expect(candidates).toEqual([token]);
  });

  it('returns only the raw value when base64 decoding yields non-printable bytes', () => {
    // Prepare: 32 random bytes in base64url, the hub's own token format, is valid base64
    const token = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 200) % 256)).toString(
      'base64url',
    );

    // Act
    const candidates = tokenCandidates(`Token ${token}`);

    // Assess
    expect(candidates).toEqual([token]);
  });

  it('offers both readings of a raw token that happens to be valid base64', () => {
    // Prepare: a raw token made of base64 characters whose decoding is printable
    const raw = b64('abc123');

    // Act
    const candidates = tokenCandidates(`Token ${raw}`);

    // Assess
    expect(candidates).toEqual([raw, 'abc123']);
  });

  it('decodes url-alphabet and unpadded base64', () => {
    // Prepare
    const token = 'a>b?c~d';
    const urlForm = b64url(token);

    // Act
    const candidates = tokenCandidates(`Token ${urlForm}`);

    // Assess
    expect(urlForm).toMatch(/[-_]/);
    expect(candidates).toContain(token);
  });

  it('decodes standard base64 with padding stripped', () => {
    // Prepare
    const padded = b64('abcd');
    const unpadded = padded.replace(/=+$/, '');

    // Act
    const candidates = tokenCandidates(`Token ${unpadded}`);

    // Assess
    expect(padded).toMatch(/=$/);
    expect(candidates).toEqual([unpadded, 'abcd']);
  });

  it('accepts any case for the scheme and extra spaces', () => {
    // Prepare
    const header = `  tOkEn    ${b64('my-token')}  `;

    // Act
    const candidates = tokenCandidates(header);

    // Assess
    expect(candidates).toContain('my-token');
  });

  it('skips a base64 value whose decoding contains a space', () => {
    // Prepare
    const encoded = b64('has space');

    // Act
    const candidates = tokenCandidates(`Token ${encoded}`);

    // Assess
    expect(candidates).toEqual([encoded]);
  });

  it('skips a raw value over 64 characters but still decodes it', () => {
    // Prepare
    const token = 'x'.repeat(64);

    // Act
    const candidates = tokenCandidates(`Token ${b64(token)}`);

    // Assess
    expect(b64(token).length).toBeGreaterThan(64);
    expect(candidates).toEqual([token]);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a Bearer header', 'Bearer abc'],
    ['Token alone', 'Token'],
    ['Token with trailing spaces only', 'Token   '],
    ['a value with an inner space', 'Token abc def'],
    ['no space after the scheme', 'Tokenabc'],
    ['over 1024 characters', `Token ${'a'.repeat(1100)}`],
    ['non-ASCII', 'Token jéton'],
  ])('returns nothing for %s', (_label, header) => {
    // Prepare / Act
    const candidates = tokenCandidates(header);

    // Assess
    expect(candidates).toEqual([]);
  });

  it('rejects base64 with a bad length or mixed alphabets', () => {
    // Prepare
    const badLength = 'Token YWJjZ'; // 5 chars: length % 4 === 1
    const mixed = 'Token YW+j_A';

    // Act
    const results = [tokenCandidates(badLength), tokenCandidates(mixed)];

    // Assess
    expect(results).toEqual([['YWJjZ'], ['YW+j_A']]);
  });
});

describe('formatTokenHeader', () => {
  it('encodes the token in base64 for 2.2.1 partners', () => {
    // Prepare / Act
    const header = formatTokenHeader('ebf3b399-779f-4497-9b9d-ac6ad3cc44d2', 'base64');

    // Assess
    expect(header).toBe('Token ZWJmM2IzOTktNzc5Zi00NDk3LTliOWQtYWM2YWQzY2M0NGQy');
  });

  it('sends the raw token when asked', () => {
    // Prepare / Act
    const header = formatTokenHeader('abc', 'raw');

    // Assess
    expect(header).toBe('Token abc');
  });

  it('round-trips through tokenCandidates', () => {
    // Prepare
    const token = 'Z9_-~!x';

    // Act
    const candidates = tokenCandidates(formatTokenHeader(token, 'base64'));

    // Assess
    expect(candidates).toContain(token);
  });
});

describe('isValidCredentialsToken', () => {
  it.each([
    ['a', true],
    ['x'.repeat(64), true],
    ['!~', true],
    ['', false],
    ['x'.repeat(65), false],
    ['with space', false],
    ['tab\there', false],
    ['é', false],
  ])('%j -> %s', (token, expected) => {
    // Prepare / Act
    const valid = isValidCredentialsToken(token);

    // Assess
    expect(valid).toBe(expected);
  });
});
