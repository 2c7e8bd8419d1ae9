import { describe, expect, it } from 'vitest';
import { tokenKeysFromSecret } from '../../../functions/handlers/aws/aws-runtime';
import { generateKeyMaterial, TokenKeys } from '../../../functions/hub/auth/token-keys';

const hex = () =>
  Buffer.concat([generateKeyMaterial().hashKey, generateKeyMaterial().encKey]).toString('hex');

describe('token keys during a re-key', () => {
  it('hashes new tokens with the current material and looks them up under both', () => {
    // Prepare
    const previous = generateKeyMaterial();
    const current = generateKeyMaterial();
    const before = new TokenKeys(previous);
    const during = new TokenKeys(current, previous);
    // Act
    const hashes = during.lookupHashes('a token');
    // Assess
    expect(hashes).toEqual([new TokenKeys(current).hash('a token'), before.hash('a token')]);
    expect(during.hash('a token')).toBe(hashes[0]);
    expect(during.matches('a token', before.hash('a token'))).toBe(true);
    expect(new TokenKeys(current).matches('a token', before.hash('a token'))).toBe(false);
  });

  it('decrypts what the previous material encrypted and encrypts with the current one', () => {
    // Prepare
    const previous = generateKeyMaterial();
    const current = generateKeyMaterial();
    const stored = new TokenKeys(previous).encrypt('outbound token');
    const during = new TokenKeys(current, previous);
    // Act
    const decrypted = during.decrypt(stored);
    const fresh = during.encrypt('outbound token');
    // Assess
    expect(decrypted).toBe('outbound token');
    expect(new TokenKeys(current).decrypt(fresh)).toBe('outbound token');
    expect(() => new TokenKeys(current).decrypt(stored)).toThrow();
  });
});

describe('the keys secret', () => {
  it('reads keyMaterial alone', () => {
    // Act
    const keys = tokenKeysFromSecret(JSON.stringify({ keyMaterial: hex() }));
    // Assess
    expect(keys.rekeying).toBe(false);
    expect(keys.lookupHashes('x')).toHaveLength(1);
  });

  it('reads previousKeyMaterial beside it and verifies tokens hashed with either', () => {
    // Prepare
    const oldHex = hex();
    const newHex = hex();
    const before = tokenKeysFromSecret(JSON.stringify({ keyMaterial: oldHex }));
    // Act
    const during = tokenKeysFromSecret(JSON.stringify({ keyMaterial: newHex, previousKeyMaterial: oldHex }));
    // Assess
    expect(during.rekeying).toBe(true);
    expect(during.matches('x', before.hash('x'))).toBe(true);
    expect(during.decrypt(before.encrypt('y'))).toBe('y');
    expect(during.hash('x')).toBe(tokenKeysFromSecret(JSON.stringify({ keyMaterial: newHex })).hash('x'));
  });

  it('names the field that is not 128 hex characters', () => {
    // Assess
    expect(() =>
      tokenKeysFromSecret(JSON.stringify({ keyMaterial: hex(), previousKeyMaterial: 'abc' })),
    ).toThrow('previousKeyMaterial must be 128 hex characters');
    expect(() => tokenKeysFromSecret(JSON.stringify({}))).toThrow('keyMaterial must be 128 hex characters');
    expect(() => tokenKeysFromSecret('not json')).toThrow('hub keys secret: not JSON');
  });
});
