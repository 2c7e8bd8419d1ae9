import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Tokens at rest (docs/architecture.md "Cross-cutting rules"): inbound tokens are kept only as keyed hashes
 * (HMAC-SHA256), outbound tokens (the ones the hub presents to partners) are encrypted (AES-256-GCM).
 * The key material comes from a key file locally and from a KMS-encrypted secret in AWS.
 */
export interface KeyMaterial {
  hashKey: Buffer;
  encKey: Buffer;
}

const ENC_VERSION = 'v1';

export class TokenKeys {
  constructor(private readonly keys: KeyMaterial) {
    if (keys.hashKey.length < 32 || keys.encKey.length !== 32) {
      throw new Error('token keys: hashKey needs >= 32 bytes and encKey exactly 32 bytes');
    }
  }

  /** Keyed hash used as the lookup key of an inbound token. */
  hash(token: string): string {
    return createHmac('sha256', this.keys.hashKey).update(token, 'utf8').digest('base64url');
  }

  /** Constant-time comparison of a presented token with a stored hash. */
  matches(token: string, storedHash: string): boolean {
    const a = Buffer.from(this.hash(token));
    const b = Buffer.from(storedHash);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.encKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      ENC_VERSION,
      iv.toString('base64url'),
      tag.toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  decrypt(blob: string): string {
    const [version, iv, tag, body] = blob.split('.');
    if (version !== ENC_VERSION || !iv || !tag || body === undefined) {
      throw new Error('token keys: unknown ciphertext format');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.keys.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

/** 32 random bytes, base64url: 43 printable characters, well inside OCPI's string(64). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function generateKeyMaterial(): KeyMaterial {
  return { hashKey: randomBytes(32), encKey: randomBytes(32) };
}

/** Key material serialized as JSON with base64 fields (key file, AWS secret). */
export function parseKeyMaterial(json: string): KeyMaterial {
  const raw = JSON.parse(json) as { hashKey?: unknown; encKey?: unknown };
  if (typeof raw.hashKey !== 'string' || typeof raw.encKey !== 'string') {
    throw new Error('key material must be JSON with string fields hashKey and encKey');
  }
  return { hashKey: decodeKey(raw.hashKey), encKey: deriveEncKey(decodeKey(raw.encKey)) };
}

export function serializeKeyMaterial(keys: KeyMaterial): string {
  return JSON.stringify({ hashKey: keys.hashKey.toString('base64'), encKey: keys.encKey.toString('base64') });
}

function decodeKey(text: string): Buffer {
  const asBase64 = Buffer.from(text, 'base64');
  // Secrets Manager's generated strings are plain characters, not base64: use their bytes as they are.
  return asBase64.length >= 32 && asBase64.toString('base64').replace(/=+$/, '') === text.replace(/=+$/, '')
    ? asBase64
    : Buffer.from(text, 'utf8');
}

/** AES-256 needs exactly 32 bytes; longer material is condensed with a hash. */
function deriveEncKey(material: Buffer): Buffer {
  return material.length === 32 ? material : createHmac('sha256', material).update('ocpi-hub-enc').digest();
}
