import { InvalidParametersError } from '../../ocpi/errors';
import { type DatedPage, InvalidCursorError } from '../../store/session.repository';

/** A page of the hub's own sessions or CDRs; a cursor it did not issue for this list is 2001 naming it. */
export async function readDatedPage<T>(read: () => Promise<DatedPage<T>>): Promise<DatedPage<T>> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof InvalidCursorError) throw new InvalidParametersError(err.message, 'cursor');
    throw err;
  }
}
