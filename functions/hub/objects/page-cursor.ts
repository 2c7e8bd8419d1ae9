import { timingSafeEqual } from 'node:crypto';
import { InvalidParametersError } from '../../ocpi/errors';
import type { DateBounds, StoredModule } from '../../store/stored-object.repository';
import type { TokenKeys } from '../auth/token-keys';

/** Query parameter of the hub's own next-page links (paginationHeaders writes it). */
export const CURSOR_PARAM = 'cursor';

/**
 * Where the next page of a GET-all starts: the sort key of the last object served, bound to the module
 * and the date filters, and (for filtered lists) the total counted on the first page so following the
 * links never counts again. Signed with the tenant's hashing key: a forged or edited cursor, or one
 * reused with other filters, is refused with 2001 instead of reaching the store.
 */
export interface CursorState {
  after: string;
  total?: number;
}

type Payload = { m: StoredModule; a: string; f?: number; t?: number; n?: number };

export function encodeCursor(keys: TokenKeys, module: StoredModule, range: DateBounds, state: CursorState) {
  const payload: Payload = { m: module, a: state.after };
  if (range.from !== undefined) payload.f = range.from;
  if (range.to !== undefined) payload.t = range.to;
  if (state.total !== undefined) payload.n = state.total;
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${sign(keys, body)}`;
}

export function decodeCursor(
  keys: TokenKeys,
  text: string,
  module: StoredModule,
  range: DateBounds,
): CursorState {
  const [body, signature, ...rest] = text.split('.');
  if (!body || !signature || rest.length > 0 || !signedByUs(keys, body, signature)) throw invalid();
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch {
    throw invalid();
  }
  if (
    payload.m !== module ||
    payload.f !== range.from ||
    payload.t !== range.to ||
    typeof payload.a !== 'string'
  ) {
    throw new InvalidParametersError('belongs to another list or other date filters', CURSOR_PARAM);
  }
  return { after: payload.a, ...(typeof payload.n === 'number' ? { total: payload.n } : {}) };
}

function sign(keys: TokenKeys, body: string): string {
  return keys.hash(`ocpi-page-cursor|${body}`);
}

/** A cursor handed out just before a re-key is signed with the previous key material. */
function signedByUs(keys: TokenKeys, body: string, given: string): boolean {
  const b = Buffer.from(given);
  return keys.lookupHashes(`ocpi-page-cursor|${body}`).some((expected) => {
    const a = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

const invalid = () => new InvalidParametersError('is not a cursor this hub handed out', CURSOR_PARAM);
