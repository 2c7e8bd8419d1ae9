import { describe, expect, it } from 'vitest';
import { InvalidParametersError } from '../../functions/ocpi/errors';
import { readRoutingHeaders, routingHeaders } from '../../functions/ocpi/routing-headers';

function headers(values: Record<string, string>): (name: string) => string | undefined {
  return (name) => values[name];
}

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

const FULL = {
  'OCPI-from-country-code': 'NL',
  'OCPI-from-party-id': 'ABC',
  'OCPI-to-country-code': 'de',
  'OCPI-to-party-id': 'x1z',
};

describe('readRoutingHeaders', () => {
  it('reads both pairs and keeps the spelling sent', () => {
    // Prepare
    const get = headers(FULL);

    // Act
    const routing = readRoutingHeaders(get);

    // Assess
    expect(routing).toEqual({
      from: { country_code: 'NL', party_id: 'ABC' },
      to: { country_code: 'de', party_id: 'x1z' },
    });
  });

  it('returns no pairs when none are sent (configuration modules, open routing)', () => {
    // Prepare / Act
    const routing = readRoutingHeaders(headers({}));

    // Assess
    expect(routing).toEqual({});
  });

  it('treats blank values as absent', () => {
    // Prepare
    const get = headers({ ...FULL, 'OCPI-to-country-code': '', 'OCPI-to-party-id': ' ' });

    // Act
    const routing = readRoutingHeaders(get);

    // Assess
    expect(routing.to).toBeUndefined();
    expect(routing.from).toEqual({ country_code: 'NL', party_id: 'ABC' });
  });

  it.each([
    ['OCPI-to-party-id', { 'OCPI-to-country-code': 'DE' }],
    ['OCPI-to-country-code', { 'OCPI-to-party-id': 'XYZ' }],
    ['OCPI-from-party-id', { 'OCPI-from-country-code': 'NL' }],
    ['OCPI-from-country-code', { 'OCPI-from-party-id': 'ABC' }],
  ])('names %s when the other half of its pair is present alone', (missing, values) => {
    // Prepare
    const get = headers(values);

    // Act
    const err = captureError(() => readRoutingHeaders(get));

    // Assess
    expect(err).toBeInstanceOf(InvalidParametersError);
    expect((err as InvalidParametersError).field).toBe(missing);
    expect((err as InvalidParametersError).statusCode).toBe(2001);
  });

  it.each([
    ['OCPI-from-country-code', 'NLD'],
    ['OCPI-from-country-code', 'N1'],
    ['OCPI-from-party-id', 'AB'],
    ['OCPI-from-party-id', 'AB-'],
    ['OCPI-to-country-code', 'é1'],
    ['OCPI-to-party-id', 'ABCD'],
  ])('rejects %s = %j naming the header', (name, value) => {
    // Prepare
    const get = headers({ ...FULL, [name]: value });

    // Act
    const err = captureError(() => readRoutingHeaders(get));

    // Assess
    expect(err).toBeInstanceOf(InvalidParametersError);
    expect((err as InvalidParametersError).message).toContain(name);
  });
});

describe('routingHeaders', () => {
  it('builds the four outbound headers', () => {
    // Prepare
    const from = { country_code: 'NL', party_id: 'HUB' };
    const to = { country_code: 'BE', party_id: 'CPO' };

    // Act
    const out = routingHeaders(from, to);

    // Assess
    expect(out).toEqual({
      'OCPI-from-country-code': 'NL',
      'OCPI-from-party-id': 'HUB',
      'OCPI-to-country-code': 'BE',
      'OCPI-to-party-id': 'CPO',
    });
  });

  it('round-trips through readRoutingHeaders', () => {
    // Prepare
    const from = { country_code: 'NL', party_id: 'HUB' };
    const to = { country_code: 'BE', party_id: 'CP1' };

    // Act
    const routing = readRoutingHeaders(headers(routingHeaders(from, to)));

    // Assess
    expect(routing).toEqual({ from, to });
  });
});
