import { parseOcpiDateTime } from './datetime';
import { InvalidParametersError } from './errors';

/**
 * Pagination of list GETs (transport_and_format §4.1.5-4.1.6, ocpi-notes §1.5): `offset`, `limit`,
 * `date_from` (inclusive) and `date_to` (exclusive, both on last_updated); answers carry `X-Total-Count`,
 * `X-Limit` (the server maximum) and `Link: <url>; rel="next"` unless it is the last page.
 */
export type PaginationQuery = {
  offset: number;
  limit: number;
  dateFrom?: number;
  dateTo?: number;
  dateFromRaw?: string;
  dateToRaw?: string;
};

export type DateRange = { dateFrom?: number; dateTo?: number };

const NON_NEGATIVE_INTEGER = /^\d+$/;

export function parsePaginationQuery(
  query: Record<string, string | undefined>,
  opts: { maxLimit: number; defaultLimit?: number },
): PaginationQuery {
  const offset = readInteger(query['offset'], 'offset') ?? 0;
  const requestedLimit = readInteger(query['limit'], 'limit');
  if (requestedLimit === 0) throw new InvalidParametersError('must be a positive integer', 'limit');
  // "The server may return fewer": a limit above our maximum is clamped, not refused.
  const limit = Math.min(requestedLimit ?? opts.defaultLimit ?? opts.maxLimit, opts.maxLimit);
  const result: PaginationQuery = { offset, limit };
  const dateFromRaw = query['date_from'];
  if (dateFromRaw !== undefined && dateFromRaw !== '') {
    result.dateFrom = readDateTime(dateFromRaw, 'date_from');
    result.dateFromRaw = dateFromRaw;
  }
  const dateToRaw = query['date_to'];
  if (dateToRaw !== undefined && dateToRaw !== '') {
    result.dateTo = readDateTime(dateToRaw, 'date_to');
    result.dateToRaw = dateToRaw;
  }
  // An empty range (date_to equal to date_from) is a valid question; a reversed one is a mistake.
  if (result.dateFrom !== undefined && result.dateTo !== undefined && result.dateTo < result.dateFrom)
    throw new InvalidParametersError('must not be before date_from', 'date_to');
  return result;
}

function readInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!NON_NEGATIVE_INTEGER.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidParametersError(
      name === 'limit' ? 'must be a positive integer' : 'must be a non-negative integer',
      name,
    );
  }
  return n;
}

function readDateTime(value: string, name: string): number {
  const ms = parseOcpiDateTime(value);
  if (ms === undefined) {
    throw new InvalidParametersError('must be an RFC 3339 UTC DateTime such as 2015-06-29T20:39:09Z', name);
  }
  return ms;
}

/** date_from inclusive, date_to exclusive, both compared with last_updated. */
export function inDateRange(lastUpdatedMs: number, range: DateRange): boolean {
  if (range.dateFrom !== undefined && lastUpdatedMs < range.dateFrom) return false;
  if (range.dateTo !== undefined && lastUpdatedMs >= range.dateTo) return false;
  return true;
}

export type PaginationHeaderArgs = {
  /** The absolute URL of the request being answered, query string included. */
  requestUrl: string;
  offset: number;
  limit: number;
  returned: number;
  total: number;
  maxLimit: number;
  /** Opaque position for deep pages; replaces any cursor of the request. */
  nextCursor?: string;
};

export function paginationHeaders(args: PaginationHeaderArgs): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Total-Count': String(args.total),
    'X-Limit': String(args.maxLimit),
  };
  const nextOffset = args.offset + args.returned;
  if (nextOffset < args.total) {
    // The next URL repeats every original filter (date_from, date_to, limit, ...) with a new offset.
    const next = new URL(args.requestUrl);
    next.searchParams.set('offset', String(nextOffset));
    if (args.nextCursor !== undefined) next.searchParams.set('cursor', args.nextCursor);
    else next.searchParams.delete('cursor');
    headers['Link'] = `<${next.toString()}>; rel="next"`;
  }
  return headers;
}

const LINK_VALUE = /<([^>]*)>((?:\s*;\s*[^;,]*)*)/g;
const REL_PARAM = /^rel\s*=\s*"?([^"]*)"?$/i;

/**
 * The `rel="next"` URL of a partner's Link header, tolerant of quoting, spacing, case, several links,
 * space-separated rel values and a bare `url; rel=next` without angle brackets.
 */
export function parseLinkHeader(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  for (const match of value.matchAll(LINK_VALUE)) {
    if (hasNextRel(match[2] ?? '')) return match[1]?.trim() || undefined;
  }
  if (!value.includes('<')) {
    const [url, ...params] = value.split(';');
    if (url && hasNextRel(params.map((p) => `;${p}`).join(''))) return url.trim() || undefined;
  }
  return undefined;
}

function hasNextRel(params: string): boolean {
  return params
    .split(';')
    .map((p) => REL_PARAM.exec(p.trim())?.[1])
    .some((rel) => rel?.toLowerCase().split(/\s+/).includes('next'));
}
