import { describe, expect, it } from 'vitest';
import { InvalidParametersError } from '../../functions/ocpi/errors';
import {
  inDateRange,
  paginationHeaders,
  parseLinkHeader,
  parsePaginationQuery,
} from '../../functions/ocpi/pagination';

const OPTS = { maxLimit: 100 };

function captureError(fn: () => unknown): InvalidParametersError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidParametersError) return err;
    throw err;
  }
  throw new Error('expected an InvalidParametersError');
}

describe('parsePaginationQuery', () => {
  it('defaults to offset 0 and the maximum limit', () => {
    // Prepare / Act
    const page = parsePaginationQuery({}, OPTS);

    // Assess
    expect(page).toEqual({ offset: 0, limit: 100 });
  });

  it('uses the default limit when one is configured', () => {
    // Prepare / Act
    const page = parsePaginationQuery({}, { maxLimit: 100, defaultLimit: 25 });

    // Assess
    expect(page.limit).toBe(25);
  });

  it('reads offset and limit', () => {
    // Prepare / Act
    const page = parsePaginationQuery({ offset: '40', limit: '20' }, OPTS);

    // Assess
    expect(page).toEqual({ offset: 40, limit: 20 });
  });

  it('clamps a limit above the maximum instead of refusing it', () => {
    // Prepare / Act
    const page = parsePaginationQuery({ limit: '5000' }, OPTS);

    // Assess
    expect(page.limit).toBe(100);
  });

  it.each(['0', '-1', '2.5', 'ten', '1e3', '+5'])('rejects limit=%s naming limit', (limit) => {
    // Prepare / Act
    const err = captureError(() => parsePaginationQuery({ limit }, OPTS));

    // Assess
    expect(err.statusCode).toBe(2001);
    expect(err.field).toBe('limit');
    expect(err.message).toContain('limit');
  });

  it.each(['-1', '1.5', 'x', '99999999999999999999'])('rejects offset=%s naming offset', (offset) => {
    // Prepare / Act
    const err = captureError(() => parsePaginationQuery({ offset }, OPTS));

    // Assess
    expect(err.field).toBe('offset');
  });

  it.each([
    ['2015-06-29T20:39:09Z', Date.UTC(2015, 5, 29, 20, 39, 9)],
    ['2015-06-29T20:39:09', Date.UTC(2015, 5, 29, 20, 39, 9)],
    ['2015-06-29T20:39:09.2Z', Date.UTC(2015, 5, 29, 20, 39, 9, 200)],
    ['2015-06-29T20:39:09.123', Date.UTC(2015, 5, 29, 20, 39, 9, 123)],
  ])('accepts date_from=%s', (raw, expected) => {
    // Prepare / Act
    const page = parsePaginationQuery({ date_from: raw, date_to: raw }, OPTS);

    // Assess
    expect(page.dateFrom).toBe(expected);
    expect(page.dateTo).toBe(expected);
    expect(page.dateFromRaw).toBe(raw);
    expect(page.dateToRaw).toBe(raw);
  });

  it.each([
    '2015-06-29T20:39:09+01:00',
    '2015-06-29T20:39:09+00:00',
    '2015-06-29',
    '2015-02-30T00:00:00Z',
    'yesterday',
  ])('rejects date_from=%s with 2001 naming date_from', (raw) => {
    // Prepare / Act
    const err = captureError(() => parsePaginationQuery({ date_from: raw }, OPTS));

    // Assess
    expect(err.statusCode).toBe(2001);
    expect(err.field).toBe('date_from');
    expect(err.message).toContain('date_from');
  });

  it('names date_to when only it is invalid', () => {
    // Prepare / Act
    const err = captureError(() =>
      parsePaginationQuery({ date_from: '2015-06-29T20:39:09Z', date_to: 'garbage' }, OPTS),
    );

    // Assess
    expect(err.field).toBe('date_to');
  });

  it('refuses date_to before date_from with 2001 naming date_to', () => {
    // Prepare / Act
    const err = captureError(() =>
      parsePaginationQuery({ date_from: '2024-02-01T00:00:00Z', date_to: '2024-01-01T00:00:00Z' }, OPTS),
    );

    // Assess
    expect(err.statusCode).toBe(2001);
    expect(err.field).toBe('date_to');
  });

  it('accepts date_to equal to date_from (an empty range)', () => {
    // Prepare / Act
    const page = parsePaginationQuery(
      { date_from: '2024-01-01T00:00:00Z', date_to: '2024-01-01T00:00:00Z' },
      OPTS,
    );

    // Assess
    expect(page.dateTo).toBe(page.dateFrom);
  });

  it('treats empty parameters as absent', () => {
    // Prepare / Act
    const page = parsePaginationQuery({ offset: '', limit: '', date_from: '', date_to: '' }, OPTS);

    // Assess
    expect(page).toEqual({ offset: 0, limit: 100 });
  });
});

describe('inDateRange', () => {
  const from = Date.UTC(2024, 0, 1);
  const to = Date.UTC(2024, 1, 1);

  it('includes date_from and excludes date_to', () => {
    // Prepare / Act
    const results = [from - 1, from, to - 1, to].map((t) => inDateRange(t, { dateFrom: from, dateTo: to }));

    // Assess
    expect(results).toEqual([false, true, true, false]);
  });

  it('accepts everything without bounds', () => {
    // Prepare / Act / Assess
    expect(inDateRange(0, {})).toBe(true);
    expect(inDateRange(to, { dateFrom: from })).toBe(true);
    expect(inDateRange(from - 1, { dateTo: to })).toBe(true);
  });
});

describe('paginationHeaders', () => {
  const requestUrl =
    'https://hub.example.com/t1/ocpi/2.2.1/locations?date_from=2024-01-01T00:00:00Z&limit=10&offset=20';

  it('links to the next page repeating every filter with a new offset', () => {
    // Prepare / Act
    const headers = paginationHeaders({
      requestUrl,
      offset: 20,
      limit: 10,
      returned: 10,
      total: 45,
      maxLimit: 100,
    });

    // Assess
    expect(headers['X-Total-Count']).toBe('45');
    expect(headers['X-Limit']).toBe('100');
    const next = new URL(parseLinkHeader(headers['Link'])!);
    expect(next.origin + next.pathname).toBe('https://hub.example.com/t1/ocpi/2.2.1/locations');
    expect(next.searchParams.get('offset')).toBe('30');
    expect(next.searchParams.get('limit')).toBe('10');
    expect(next.searchParams.get('date_from')).toBe('2024-01-01T00:00:00Z');
    expect(headers['Link']).toMatch(/^<https:\/\/[^>]+>; rel="next"$/);
  });

  it('adds offset when the request had none', () => {
    // Prepare / Act
    const headers = paginationHeaders({
      requestUrl: 'https://hub.example.com/t1/ocpi/2.2.1/tokens',
      offset: 0,
      limit: 50,
      returned: 50,
      total: 51,
      maxLimit: 50,
    });

    // Assess
    expect(parseLinkHeader(headers['Link'])).toBe('https://hub.example.com/t1/ocpi/2.2.1/tokens?offset=50');
  });

  it('omits Link on the last page', () => {
    // Prepare / Act
    const headers = paginationHeaders({
      requestUrl,
      offset: 40,
      limit: 10,
      returned: 5,
      total: 45,
      maxLimit: 100,
    });

    // Assess
    expect(headers).toEqual({ 'X-Total-Count': '45', 'X-Limit': '100' });
  });

  it('omits Link when nothing matched', () => {
    // Prepare / Act
    const headers = paginationHeaders({
      requestUrl,
      offset: 0,
      limit: 10,
      returned: 0,
      total: 0,
      maxLimit: 100,
    });

    // Assess
    expect(headers['Link']).toBeUndefined();
    expect(headers['X-Total-Count']).toBe('0');
  });

  it('sets the next cursor, replacing the one of the request', () => {
    // Prepare
    const withCursor = `${requestUrl}&cursor=old`;

    // Act
    const headers = paginationHeaders({
      requestUrl: withCursor,
      offset: 20,
      limit: 10,
      returned: 10,
      total: 45,
      maxLimit: 100,
      nextCursor: 'opaque/+=',
    });

    // Assess
    const next = new URL(parseLinkHeader(headers['Link'])!);
    expect(next.searchParams.getAll('cursor')).toEqual(['opaque/+=']);
  });

  it('drops a stale cursor when no next cursor is given', () => {
    // Prepare / Act
    const headers = paginationHeaders({
      requestUrl: `${requestUrl}&cursor=old`,
      offset: 20,
      limit: 10,
      returned: 10,
      total: 45,
      maxLimit: 100,
    });

    // Assess
    expect(new URL(parseLinkHeader(headers['Link'])!).searchParams.has('cursor')).toBe(false);
  });
});

describe('parseLinkHeader', () => {
  it.each([
    ['<https://a.example/x?offset=10>; rel="next"', 'https://a.example/x?offset=10'],
    ['<https://a.example/x>;rel=next', 'https://a.example/x'],
    ['  < https://a.example/x >  ;  REL = "Next"  ', 'https://a.example/x'],
    ['<https://a.example/p>; rel="prev", <https://a.example/n>; rel="next"', 'https://a.example/n'],
    ['<https://a.example/n>; title="x"; rel="next last"', 'https://a.example/n'],
    ['https://a.example/bare?offset=5; rel="next"', 'https://a.example/bare?offset=5'],
  ])('extracts the next URL from %j', (value, expected) => {
    // Prepare / Act
    const url = parseLinkHeader(value);

    // Assess
    expect(url).toBe(expected);
  });

  it.each([
    ['undefined', undefined],
    ['empty', ''],
    ['only prev', '<https://a.example/p>; rel="prev"'],
    ['no rel', '<https://a.example/p>'],
    ['a rel that merely contains next', '<https://a.example/p>; rel="nextpage"'],
  ])('returns undefined for %s', (_label, value) => {
    // Prepare / Act
    const url = parseLinkHeader(value);

    // Assess
    expect(url).toBeUndefined();
  });
});
