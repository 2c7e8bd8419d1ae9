import { describe, expect, it } from 'vitest';
import {
  ActiveChargingProfileResultSchema,
  ChargingProfileResponseSchema,
  ClearProfileResultSchema,
  SetChargingProfileSchema,
} from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';

function setProfile(limit: number): Record<string, unknown> {
  return {
    charging_profile: {
      start_date_time: '2019-06-23T08:00:00Z',
      duration: 3600,
      charging_rate_unit: 'A',
      charging_profile_period: [
        { start_period: 0, limit: 16 },
        { start_period: 1800, limit },
      ],
    },
    response_url: 'https://scsp.example.com/ocpi/2.2.1/chargingprofile/12345/5678',
  };
}

describe('charging profiles', () => {
  it('accepts a SetChargingProfile whose limits have at most one decimal', () => {
    // Act + Assess
    expect(issuePaths(SetChargingProfileSchema, setProfile(8.1))).toEqual([]);
  });

  it('rejects a period limit with two decimals', () => {
    // Act + Assess
    expect(issuePaths(SetChargingProfileSchema, setProfile(8.15))).toEqual([
      'charging_profile.charging_profile_period[1].limit',
    ]);
  });

  it('rejects a charging rate unit other than W or A', () => {
    // Prepare
    const body = setProfile(10) as { charging_profile: Record<string, unknown> };
    body.charging_profile.charging_rate_unit = 'kW';

    // Act + Assess
    expect(issuePaths(SetChargingProfileSchema, body)).toEqual(['charging_profile.charging_rate_unit']);
  });

  it('accepts an ActiveChargingProfileResult carrying the profile', () => {
    // Prepare
    const result = {
      result: 'ACCEPTED',
      profile: {
        start_date_time: '2019-06-23T08:00:00Z',
        charging_profile: {
          charging_rate_unit: 'W',
          charging_profile_period: [{ start_period: 0, limit: 11000 }],
        },
      },
    };

    // Act + Assess
    expect(issuePaths(ActiveChargingProfileResultSchema, result)).toEqual([]);
  });

  it('requires the start of an active profile', () => {
    // Prepare
    const result = { result: 'ACCEPTED', profile: { charging_profile: { charging_rate_unit: 'W' } } };

    // Act + Assess
    expect(issuePaths(ActiveChargingProfileResultSchema, result)).toEqual(['profile.start_date_time']);
  });

  it('accepts TOO_OFTEN as a synchronous response and rejects a missing timeout', () => {
    // Act + Assess
    expect(issuePaths(ChargingProfileResponseSchema, { result: 'TOO_OFTEN', timeout: 10 })).toEqual([]);
    expect(issuePaths(ChargingProfileResponseSchema, { result: 'ACCEPTED' })).toEqual(['timeout']);
  });

  it('rejects a result type that belongs to the synchronous response', () => {
    // Act + Assess
    expect(issuePaths(ClearProfileResultSchema, { result: 'TOO_OFTEN' })).toEqual(['result']);
  });
});
