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

/**
 * The hub's keys: the current material, and during a re-key the previous one (docs/operations.md
 * "Rotate keys"). Everything new is hashed and encrypted with the current material; what was stored
 * under the previous one still verifies and decrypts, so no partner is locked out while the
 * credentials rotations move every token to the new material.
 */
export class TokenKeys {
  private readonly all: readonly KeyMaterial[];

  constructor(
    private readonly keys: KeyMaterial,
    previous?: KeyMaterial,
  ) {
    for (const material of previous ? [keys, previous] : [keys]) {
      if (material.hashKey.length < 32 || material.encKey.length !== 32) {
        throw new Error('token keys: hashKey needs >= 32 bytes and encKey exactly 32 bytes');
      }
    }
    this.all = previous ? [keys, previous] : [keys];
  }

  /** True while previous material is configured (a re-key in progress). */
  get rekeying(): boolean {
    return this.all.length > 1;
  }

  /** Keyed hash with the current material: what every newly stored token hash is. */
  hash(token: string): string {
    return hashWith(this.keys, token);
  }

  /**
   * The hashes a presented token may be stored under: the current material's, then the previous
   * one's during a re-key. Lookups try them in this order.
   */
  lookupHashes(token: string): string[] {
    return this.all.map((material) => hashWith(material, token));
  }

  /** Constant-time comparison of a presented token with a stored hash, under any configured material. */
  matches(token: string, storedHash: string): boolean {
    const b = Buffer.from(storedHash);
    let found = false;
    for (const hash of this.lookupHashes(token)) {
      const a = Buffer.from(hash);
      if (a.length === b.length && timingSafeEqual(a, b)) found = true;
    }
    return found;
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

  /** Decrypts with the current material, else the previous one (GCM's tag tells which one fits). */
  decrypt(blob: string): string {
    const [version, iv, tag, body] = blob.split('.');
    if (version !== ENC_VERSION || !iv || !tag || body === undefined) {
      throw new Error('token keys: unknown ciphertext format');
    }
    let failure: unknown;
    for (const material of this.all) {
      try {
        return decryptWith(material, iv, tag, body);
      } catch (err) {
        failure ??= err;
      }
    }
    throw failure;
  }
}

function hashWith(material: KeyMaterial, token: string): string {
  return createHmac('sha256', material.hashKey).update(token, 'utf8').digest('base64url');
}

function decryptWith(material: KeyMaterial, iv: string, tag: string, body: string): string {
  const decipher = createDecipheriv('aes-256-gcm', material.encKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
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
