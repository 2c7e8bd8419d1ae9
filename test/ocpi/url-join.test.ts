import { describe, expect, it } from 'vitest';
import { joinUrl, withQuery } from '../../functions/ocpi/url-join';

describe('joinUrl', () => {
  it.each([
    ['https://cpo.example/ocpi/2.2.1/locations', 'https://cpo.example/ocpi/2.2.1/locations/NL/ABC/LOC1'],
    ['https://cpo.example/ocpi/2.2.1/locations/', 'https://cpo.example/ocpi/2.2.1/locations/NL/ABC/LOC1'],
    ['https://cpo.example/ocpi/2.2.1/locations///', 'https://cpo.example/ocpi/2.2.1/locations/NL/ABC/LOC1'],
  ])('joins %s without a double slash', (base, expected) => {
    // Prepare / Act
    const url = joinUrl(base, 'NL', 'ABC', 'LOC1');

    // Assess
    expect(url).toBe(expected);
  });

  it('joins onto a bare origin', () => {
    // Prepare / Act
    const url = joinUrl('https://cpo.example/', 'versions');

    // Assess
    expect(url).toBe('https://cpo.example/versions');
  });

  it('percent-encodes each segment, slashes included', () => {
    // Prepare / Act
    const url = joinUrl('https://cpo.example/tokens/', 'NL', 'ABC', 'a/b c?#%');

    // Assess
    expect(url).toBe('https://cpo.example/tokens/NL/ABC/a%2Fb%20c%3F%23%25');
  });

  it('skips empty segments', () => {
    // Prepare / Act
    const url = joinUrl('https://cpo.example/cdrs/', '', 'X');

    // Assess
    expect(url).toBe('https://cpo.example/cdrs/X');
  });

  it.each([
    'https://cpo.example/ocpi/2.2.1/cdrs/',
    'https://cpo.example/ocpi/2.2.1/cdrs',
    'https://cpo.example:443/ocpi//cdrs/?v=1',
  ])('uses %s exactly as advertised when nothing is appended', (base) => {
    // Prepare / Act
    const urls = [
      joinUrl(base),
      joinUrl(base, ''),
      withQuery(joinUrl(base), {}),
      withQuery(base, { x: undefined }),
    ];

    // Assess
    expect(urls).toEqual([base, base, base, base]);
  });

  it('keeps the advertised path, inner slashes included, and only lets its trailing slash give way', () => {
    // Prepare / Act
    const url = joinUrl('https://cpo.example//ocpi//2.2.1/locations/', 'LOC1');

    // Assess
    expect(url).toBe('https://cpo.example//ocpi//2.2.1/locations/LOC1');
  });

  it('keeps the trailing slash of an advertised URL when only a query is added', () => {
    // Prepare / Act
    const url = withQuery(joinUrl('https://cpo.example/ocpi/2.2.1/locations/'), { limit: 10 });

    // Assess
    expect(url).toBe('https://cpo.example/ocpi/2.2.1/locations/?limit=10');
  });

  it('keeps port and a query string of the base', () => {
    // Prepare / Act
    const url = joinUrl('http://127.0.0.1:8080/ocpi/?v=1', 'tokens');

    // Assess
    expect(url).toBe('http://127.0.0.1:8080/ocpi/tokens?v=1');
  });

  it('throws on a base that is not a URL', () => {
    // Prepare / Act / Assess
    expect(() => joinUrl('not a url', 'x')).toThrow(TypeError);
  });
});

describe('withQuery', () => {
  it('sets parameters, replacing existing ones and skipping undefined', () => {
    // Prepare
    const base = 'https://cpo.example/locations?offset=0&date_from=2024-01-01T00:00:00Z';

    // Act
    const url = new URL(withQuery(base, { offset: 50, limit: 10, date_to: undefined, flag: true }));

    // Assess
    expect(url.searchParams.get('offset')).toBe('50');
    expect(url.searchParams.get('limit')).toBe('10');
    expect(url.searchParams.get('date_from')).toBe('2024-01-01T00:00:00Z');
    expect(url.searchParams.has('date_to')).toBe(false);
    expect(url.searchParams.get('flag')).toBe('true');
  });

  it('encodes values safely', () => {
    // Prepare / Act
    const url = withQuery('https://cpo.example/x', { response_url: 'https://hub.example/cb?a=1&b=2' });

    // Assess
    expect(new URL(url).searchParams.get('response_url')).toBe('https://hub.example/cb?a=1&b=2');
  });
});
