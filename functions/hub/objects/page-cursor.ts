import { InvalidParametersError } from '../../ocpi/errors';
import type { DateBounds, StoredModule } from '../../store/stored-object.repository';
import { seal, unseal } from '../auth/sealed-values';
import type { TokenKeys } from '../auth/token-keys';

/** Query parameter of the hub's own next-page links (paginationHeaders writes it). */
export const CURSOR_PARAM = 'cursor';

/**
 * Where the next page of a GET-all starts: the sort key of the last object served, bound to the module,
 * the date filters and the partner that asked, and (for filtered lists) the total counted on the first
 * page so following the links never counts again. Sealed with the tenant's hashing key: a forged or
 * edited cursor, one reused with other filters or by another partner, is refused with 2001 instead of
 * reaching the store.
 */
export interface CursorState {
  after: string;
  total?: number;
}

const PURPOSE = 'ocpi-page-cursor';

type Payload = { m: StoredModule; p: string; a: string; f?: number; t?: number; n?: number };

export function encodeCursor(
  keys: TokenKeys,
  module: StoredModule,
  range: DateBounds,
  callerId: string,
  state: CursorState,
): string {
  const payload: Payload = { m: module, p: callerId, a: state.after };
  if (range.from !== undefined) payload.f = range.from;
  if (range.to !== undefined) payload.t = range.to;
  if (state.total !== undefined) payload.n = state.total;
  return seal(keys, PURPOSE, payload);
}

export function decodeCursor(
  keys: TokenKeys,
  text: string,
  module: StoredModule,
  range: DateBounds,
  callerId: string,
): CursorState {
  const payload = unseal(keys, PURPOSE, text);
  if (!payload || typeof payload.a !== 'string') {
    throw new InvalidParametersError('is not a cursor this hub handed out', CURSOR_PARAM);
  }
  if (payload.m !== module || payload.f !== range.from || payload.t !== range.to || payload.p !== callerId) {
    throw new InvalidParametersError(
      'belongs to another list, other date filters or another partner',
      CURSOR_PARAM,
    );
  }
  return { after: payload.a, ...(typeof payload.n === 'number' ? { total: payload.n } : {}) };
}
