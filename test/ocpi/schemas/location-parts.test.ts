import { describe, expect, it } from 'vitest';
import {
  AdditionalGeoLocationSchema,
  BusinessDetailsSchema,
  EnergyMixSchema,
  GeoLocationSchema,
  HoursSchema,
  ImageSchema,
  PublishTokenTypeSchema,
  StatusScheduleSchema,
} from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';

const mondayMorning = { weekday: 1, period_begin: '08:00', period_end: '12:00' };

describe('HoursSchema', () => {
  it('requires twentyfourseven', () => {
    // Act + Assess
    expect(issuePaths(HoursSchema, { regular_hours: [mondayMorning] })).toEqual(['twentyfourseven']);
  });

  it.each([[undefined], [[]]])(
    'requires regular_hours when twentyfourseven is false (%j)',
    (regularHours) => {
      // Act + Assess
      expect(issuePaths(HoursSchema, { twentyfourseven: false, regular_hours: regularHours })).toEqual([
        'regular_hours',
      ]);
    },
  );

  it('accepts twentyfourseven without regular hours', () => {
    // Act + Assess
    expect(issuePaths(HoursSchema, { twentyfourseven: true })).toEqual([]);
  });

  it.each(['8:00', '24:00', '12:60', '12.00', '1200'])(
    'rejects the period_begin %j (HH:MM, 24h)',
    (begin) => {
      // Prepare
      const hours = { twentyfourseven: false, regular_hours: [{ ...mondayMorning, period_begin: begin }] };

      // Act + Assess
      expect(issuePaths(HoursSchema, hours)).toEqual(['regular_hours[0].period_begin']);
    },
  );

  it.each(['08:00', '07:59'])(
    'rejects a period_end of %s that is not later than period_begin 08:00',
    (end) => {
      // Prepare
      const hours = { twentyfourseven: false, regular_hours: [{ ...mondayMorning, period_end: end }] };

      // Act + Assess
      expect(issuePaths(HoursSchema, hours)).toEqual(['regular_hours[0].period_end']);
    },
  );

  it.each([0, 8, 1.5])('rejects weekday %s (1 = Monday … 7 = Sunday)', (weekday) => {
    // Prepare
    const hours = { twentyfourseven: false, regular_hours: [{ ...mondayMorning, weekday }] };

    // Act + Assess
    expect(issuePaths(HoursSchema, hours)).toEqual(['regular_hours[0].weekday']);
  });

  it('rejects an exceptional period with a UTC offset instead of Z', () => {
    // Prepare
    const hours = {
      twentyfourseven: true,
      exceptional_closings: [
        { period_begin: '2018-12-25T03:00:00+00:00', period_end: '2018-12-25T05:00:00Z' },
      ],
    };

    // Act + Assess
    expect(issuePaths(HoursSchema, hours)).toEqual(['exceptional_closings[0].period_begin']);
  });
});

describe('GeoLocationSchema', () => {
  it.each([
    ['51.047599', '3.729944'],
    ['-33.86785', '151.20732'],
    ['51.0475991', '-180.000000'],
    ['-12.1234567', '-123.1234567'],
  ])('accepts latitude %s, longitude %s', (latitude, longitude) => {
    // Act + Assess
    expect(issuePaths(GeoLocationSchema, { latitude, longitude })).toEqual([]);
  });

  it.each([
    [{ latitude: 51.047599, longitude: '3.729944' }, ['latitude']],
    [{ latitude: '51.0475', longitude: '3.729944' }, ['latitude']],
    [{ latitude: '51.04759912', longitude: '3.729944' }, ['latitude']],
    [{ latitude: '95.000000', longitude: '3.729944' }, ['latitude']],
    [{ latitude: '51.047599', longitude: '181.000000' }, ['longitude']],
    [{ latitude: '51.047599', longitude: '3,729944' }, ['longitude']],
    [{ latitude: '51.047599' }, ['longitude']],
  ])('rejects %j', (coordinates, paths) => {
    // Act + Assess
    expect(issuePaths(GeoLocationSchema, coordinates)).toEqual(paths);
  });

  it('accepts an additional location with a DisplayText name', () => {
    // Prepare
    const related = {
      latitude: '50.770774',
      longitude: '-126.104965',
      name: { language: 'en', text: 'Gate 2' },
    };

    // Act + Assess
    expect(issuePaths(AdditionalGeoLocationSchema, related)).toEqual([]);
  });
});

describe('PublishTokenTypeSchema', () => {
  it.each([
    { uid: '012345678', type: 'RFID' },
    { visual_number: '12345-67', issuer: 'NewMotion' },
    { group_id: 'DF000-2001-8999' },
  ])('accepts %j', (token) => {
    // Act + Assess
    expect(issuePaths(PublishTokenTypeSchema, token)).toEqual([]);
  });

  it.each([
    [{}, ['']],
    [{ issuer: 'NewMotion' }, ['']],
    [{ uid: '012345678' }, ['type']],
    [{ visual_number: '12345-67' }, ['issuer']],
    [{ group_id: 'G', uid: '012345678' }, ['type']],
  ])('rejects %j', (token, paths) => {
    // Act + Assess
    expect(issuePaths(PublishTokenTypeSchema, token)).toEqual(paths);
  });
});

describe('EVSE parts, images, business details and energy mix', () => {
  it('accepts a status schedule without an end', () => {
    // Act + Assess
    expect(
      issuePaths(StatusScheduleSchema, { period_begin: '2020-01-01T00:00:00Z', status: 'PLANNED' }),
    ).toEqual([]);
  });

  it.each([
    [{ width: 100000 }, ['width']],
    [{ url: '/relative/logo.png' }, ['url']],
    [{ type: 'jpeg2' }, ['type']],
    [{ category: 'SELF IE' }, ['category']],
  ])('rejects an image with %j', (override, paths) => {
    // Prepare
    const image = {
      url: 'https://example.com/img/logo.jpg',
      category: 'OPERATOR',
      type: 'jpeg',
      ...override,
    };

    // Act + Assess
    expect(issuePaths(ImageSchema, image)).toEqual(paths);
  });

  it('rejects a business name over 100 characters', () => {
    // Act + Assess
    expect(issuePaths(BusinessDetailsSchema, { name: 'n'.repeat(101) })).toEqual(['name']);
  });

  it('rejects an energy source category outside the enum', () => {
    // Prepare
    const mix = { is_green_energy: false, energy_sources: [{ source: 'GEOTHERMAL', percentage: 10 }] };

    // Act + Assess
    expect(issuePaths(EnergyMixSchema, mix)).toEqual(['energy_sources[0].source']);
  });
});
