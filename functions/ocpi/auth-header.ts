/**
 * Authorization header handling (transport_and_format §4.1.3, ocpi-notes §1.1). 2.2.1 and 2.3.0 send
 * `Token <base64(token)>`, 2.1.1 and many later platforms send `Token <token>`: inbound we accept both.
 * Never log what these functions receive or return.
 */

/** Headers longer than this are refused outright: a 64-char token is 88 chars in base64. */
const MAX_HEADER_LENGTH = 1024;
const TOKEN_HEADER = /^\s*token\s+(\S+)\s*$/i;
/** Credentials token: string(64) of printable, non-whitespace ASCII (0x21-0x7E). */
const CREDENTIALS_TOKEN = /^[\x21-\x7e]{1,64}$/;
const BASE64_STANDARD = /^[A-Za-z0-9+/]+$/;
const BASE64_URL = /^[A-Za-z0-9_-]+$/;

export type TokenEncoding = 'base64' | 'raw';

export function isValidCredentialsToken(token: string): boolean {
  return CREDENTIALS_TOKEN.test(token);
}

/**
 * The tokens the caller may mean, to be looked up in order: the raw value first, then its base64 decoding
 * when that yields a plausible credentials token. A raw token that happens to be valid base64 thus gives
 * two candidates; the lookup decides. Empty when the header is missing or not a `Token` header.
 */
export function tokenCandidates(header: string | undefined): string[] {
  if (header === undefined || header.length > MAX_HEADER_LENGTH) return [];
  const value = TOKEN_HEADER.exec(header)?.[1];
  if (value === undefined) return [];
  const candidates: string[] = [];
  if (isValidCredentialsToken(value)) candidates.push(value);
  const decoded = decodeBase64Token(value);
  if (decoded !== undefined && !candidates.includes(decoded)) candidates.push(decoded);
  return candidates;
}

/** Decodes standard or url-alphabet base64, padded or not; undefined unless it yields a credentials token. */
function decodeBase64Token(value: string): string | undefined {
  const unpadded = value.replace(/={1,2}$/, '');
  const padded = unpadded.length !== value.length;
  if (padded && value.length % 4 !== 0) return undefined;
  if (unpadded.length % 4 === 1) return undefined;
  const alphabet = BASE64_STANDARD.test(unpadded) ? 'base64' : BASE64_URL.test(unpadded) ? 'base64url' : null;
  if (alphabet === null) return undefined;
  const bytes = Buffer.from(unpadded, alphabet);
  // Bytes outside 0x21-0x7E cannot belong to a credentials token, so latin1 decoding is exact here.
  const decoded = bytes.toString('latin1');
  return isValidCredentialsToken(decoded) ? decoded : undefined;
}

/** The Authorization header value to send to a partner, in the form its version (or override) expects. */
export function formatTokenHeader(token: string, encoding: TokenEncoding): string {
  return encoding === 'base64' ? `Token ${Buffer.from(token, 'utf8').toString('base64')}` : `Token ${token}`;
}

/** The value after `Token` as sent (raw or base64), to tell which of the two a partner uses. */
export function sentTokenValue(header: string | undefined): string | undefined {
  if (header === undefined || header.length > MAX_HEADER_LENGTH) return undefined;
  return TOKEN_HEADER.exec(header)?.[1];
}
