import { describe, expect, it } from 'vitest';
import { parseIsoDateTime, toUtcDateTime } from '../../../functions/ocpi/v211/iso-datetime';
import { DateTime211Schema } from '../../../functions/ocpi/v211/schemas';
import { inferTimeZone, sixDecimals } from '../../../functions/ocpi/v211/translate';
import { issuePaths } from '../schemas/issue-paths';

describe('2.1.1 DateTime', () => {
  it.each([
    ['2015-06-29T22:39:09+02:00', '2015-06-29T20:39:09Z'],
    ['2015-06-29T22:39:09+0200', '2015-06-29T20:39:09Z'],
    ['2015-06-29T00:39:09.25-01:30', '2015-06-29T02:09:09.25Z'],
    ['2015-06-29T20:39:09+00:00', '2015-06-29T20:39:09Z'],
    ['2015-06-29T20:39:09Z', '2015-06-29T20:39:09Z'],
    ['2015-06-29T20:39:09', '2015-06-29T20:39:09'],
    ['2016-12-31T23:30:00-01:00', '2017-01-01T00:30:00Z'],
  ])('reads %s as the 2.2.1 DateTime %s', (value, expected) => {
    expect(toUtcDateTime(value)).toBe(expected);
  });

  it.each(['2015-02-30T10:00:00Z', '2015-06-29 20:39:09Z', '2015-06-29T20:39:09+25:00', 'yesterday'])(
    'rejects %s',
    (value) => {
      expect(parseIsoDateTime(value)).toBeUndefined();
      expect(issuePaths(DateTime211Schema, value)).toEqual(['']);
    },
  );

  it('rejects a DateTime longer than string(25)', () => {
    expect(issuePaths(DateTime211Schema, '2015-06-29T22:39:09.123+02:00')).toEqual(['']);
  });
});

describe('coordinates and time zones', () => {
  it.each([
    ['51.047599', '51.047599'],
    ['51.04759', '51.047590'],
    ['3.7299445', '3.729945'],
    ['-3.7299445', '-3.729945'],
    ['-0.0000004', '0.000000'],
    ['89.9999995', '90.000000'],
  ])('writes %s as %s', (value, expected) => {
    expect(sixDecimals(value)).toBe(expected);
  });

  it('infers a zone only where the country and coordinates determine it', () => {
    expect(inferTimeZone('nld', '52.370000', '4.890000')).toBe('Europe/Amsterdam');
    expect(inferTimeZone('ESP', '28.120000', '-15.430000')).toBe('Atlantic/Canary');
    expect(inferTimeZone('PRT', '37.740000', '-25.670000')).toBe('Atlantic/Azores');
    expect(inferTimeZone('PRT', '38.720000', '-9.140000')).toBe('Europe/Lisbon');
    expect(inferTimeZone('USA', '40.710000', '-74.000000')).toBeUndefined();
  });
});
