import { InvalidParametersError } from '../../ocpi/errors';
import { type DatedPage, InvalidCursorError } from '../../store/session.repository';
import { seal, unseal } from '../auth/sealed-values';
import type { OcpiCall } from '../routing/ocpi-call';

export interface DatedPageQuery {
  dateFrom?: number;
  dateTo?: number;
  offset: number;
  limit: number;
  cursor?: string;
}

const PURPOSE = 'ocpi-dated-cursor';
const CURSOR = 'cursor';

/**
 * A page of the hub's own sessions or CDRs. The store's position is handed out sealed with the tenant's
 * key and bound to the list, the date filters and the partner asking (like the stored-object cursors of
 * page-cursor.ts): an edited or forged cursor, or one reused on another list, with other filters or by
 * another partner, is 2001 naming `cursor` before it reaches the store.
 */
export async function readDatedPage<T>(
  call: OcpiCall,
  list: 'sessions' | 'cdrs',
  query: DatedPageQuery,
  read: (query: DatedPageQuery) => Promise<DatedPage<T>>,
): Promise<DatedPage<T>> {
  const binding = { l: list, p: call.caller.partner.id, f: query.dateFrom ?? null, t: query.dateTo ?? null };
  const { cursor, ...rest } = query;
  let position: string | undefined;
  if (cursor !== undefined) {
    const opened = unseal(call.ctx.runtime.keys, PURPOSE, cursor);
    if (!opened || typeof opened.s !== 'string')
      throw new InvalidParametersError('is not a cursor this hub handed out', CURSOR);
    if (opened.l !== binding.l || opened.p !== binding.p || opened.f !== binding.f || opened.t !== binding.t)
      throw new InvalidParametersError(
        'belongs to another list, other date filters or another partner',
        CURSOR,
      );
    position = opened.s;
  }
  let page: DatedPage<T>;
  try {
    page = await read(position === undefined ? rest : { ...rest, cursor: position });
  } catch (err) {
    if (err instanceof InvalidCursorError) throw new InvalidParametersError(err.message, CURSOR);
    throw err;
  }
  if (page.nextCursor === undefined) return page;
  return { ...page, nextCursor: seal(call.ctx.runtime.keys, PURPOSE, { ...binding, s: page.nextCursor }) };
}
