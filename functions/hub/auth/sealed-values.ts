import { timingSafeEqual } from 'node:crypto';
import type { TokenKeys } from './token-keys';

/**
 * Values the hub hands out and must get back unchanged (page cursors): JSON, base64url, with a keyed
 * hash of the tenant's key material. `purpose` separates the kinds, so a value of one kind never
 * passes for another. A value sealed just before a re-key still opens (previous key material).
 */
export function seal(keys: TokenKeys, purpose: string, value: object): string {
  const body = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${body}.${keys.hash(`${purpose}|${body}`)}`;
}

/** The sealed value, or undefined when the text is not one this hub sealed for `purpose`. */
export function unseal(keys: TokenKeys, purpose: string, text: string): Record<string, unknown> | undefined {
  const [body, signature, ...rest] = text.split('.');
  if (!body || !signature || rest.length > 0) return undefined;
  const given = Buffer.from(signature);
  const genuine = keys.lookupHashes(`${purpose}|${body}`).some((expected) => {
    const wanted = Buffer.from(expected);
    return wanted.length === given.length && timingSafeEqual(wanted, given);
  });
  if (!genuine) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
