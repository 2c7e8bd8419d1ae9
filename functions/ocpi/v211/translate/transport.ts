import { OcpiStatus } from '../../status-codes';
import { toUtcDateTime } from '../iso-datetime';

/**
 * Transport differences (ocpi-notes §6). Pagination works the same in 2.1.1 (offset, limit, date_from,
 * date_to; Link, X-Total-Count, X-Limit), except that its DateTimes may carry an offset and its text
 * only says "after" / "before": the hub applies the 2.2.1 rule (from inclusive, to exclusive) to both.
 */
export function paginationQueryTo221(
  query: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const out = { ...query };
  for (const name of ['date_from', 'date_to']) {
    const value = out[name];
    if (value !== undefined) out[name] = toUtcDateTime(value) ?? value;
  }
  return out;
}

/**
 * A status code as a 2.1.1 partner can read it: 2.1.1 has no 2004 (unknown token; sent as 2000 with the
 * same HTTP 404) and no hub codes 4000-4003 (sent as 3000, server error, with the hub's message).
 */
export function statusCodeTo211(statusCode: number): number {
  if (statusCode === OcpiStatus.UNKNOWN_TOKEN) return OcpiStatus.CLIENT_ERROR;
  if (statusCode >= 4000 && statusCode <= 4999) return OcpiStatus.SERVER_ERROR;
  return statusCode;
}
