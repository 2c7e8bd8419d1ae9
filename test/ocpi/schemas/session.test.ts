import { describe, expect, it } from 'vitest';
import {
  ChargingPreferencesResponseSchema,
  ChargingPreferencesSchema,
  SESSION_STATUSES,
  SessionPatchSchema,
  SessionSchema,
} from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';
import { loadExample } from './load-example';

type Json = Record<string, unknown>;

function activeSession(): Json & { cdr_token: Json; charging_periods: Json[] } {
  return loadExample('session_example_1_simple_start.json');
}

describe('SessionSchema', () => {
  it('accepts #NA as evse_uid and connector_id of a reservation not bound to an EVSE', () => {
    // Prepare
    const session = activeSession();
    Object.assign(session, { status: 'RESERVATION', evse_uid: '#NA', connector_id: '#NA' });

    // Act + Assess
    expect(issuePaths(SessionSchema, session)).toEqual([]);
  });

  it('accepts a cdr_token without owner fields, as sent by partners built on the 2021 text', () => {
    // Prepare
    const session = activeSession();
    delete session.cdr_token.country_code;
    delete session.cdr_token.party_id;

    // Act + Assess
    expect(issuePaths(SessionSchema, session)).toEqual([]);
  });

  it.each(['uid', 'type', 'contract_id'])('rejects a cdr_token without %s', (field) => {
    // Prepare
    const session = activeSession();
    delete session.cdr_token[field];

    // Act + Assess
    expect(issuePaths(SessionSchema, session)).toEqual([`cdr_token.${field}`]);
  });

  it('rejects the status RESERVED, which the spec text uses but the enum does not hold', () => {
    // Prepare
    const session = activeSession();
    session.status = 'RESERVED';

    // Act + Assess
    expect(SESSION_STATUSES).toContain('RESERVATION');
    expect(issuePaths(SessionSchema, session)).toEqual(['status']);
  });

  it.each(['2015-06-29T22:39:09', '2015-06-29T22:39:09.2Z', '2015-06-29T22:39:09.123'])(
    'accepts the DateTime form %s',
    (dateTime) => {
      // Prepare
      const session = activeSession();
      session.start_date_time = dateTime;

      // Act + Assess
      expect(issuePaths(SessionSchema, session)).toEqual([]);
    },
  );

  it.each(['2015-06-29T22:39:09+00:00', '2015-06-29', '1970-1-1T00:00:00Z'])(
    'rejects the DateTime %s',
    (value) => {
      // Prepare
      const session = activeSession();
      session.last_updated = value;

      // Act + Assess
      expect(issuePaths(SessionSchema, session)).toEqual(['last_updated']);
    },
  );

  it('rejects a charging period without dimensions', () => {
    // Prepare
    const session = activeSession();
    session.charging_periods = [{ start_date_time: '2015-06-29T22:39:09Z', dimensions: [] }];

    // Act + Assess
    expect(issuePaths(SessionSchema, session)).toEqual(['charging_periods[0].dimensions']);
  });

  it('rejects kwh sent as a string', () => {
    // Prepare
    const session = activeSession();
    session.kwh = '0.00';

    // Act + Assess
    expect(issuePaths(SessionSchema, session)).toEqual(['kwh']);
  });
});

describe('SessionPatchSchema', () => {
  it('rejects a PATCH without last_updated', () => {
    // Act + Assess
    expect(issuePaths(SessionPatchSchema, { kwh: 15 })).toEqual(['last_updated']);
  });

  it('validates appended charging periods in full', () => {
    // Prepare
    const body = {
      charging_periods: [
        { start_date_time: '2019-06-23T08:16:02Z', dimensions: [{ type: 'KWH', volume: 2 }] },
      ],
      last_updated: '2019-06-23T08:16:02Z',
    };

    // Act + Assess
    expect(issuePaths(SessionPatchSchema, body)).toEqual(['charging_periods[0].dimensions[0].type']);
  });

  it('rejects a total_cost without excl_vat', () => {
    // Act + Assess
    expect(
      issuePaths(SessionPatchSchema, {
        total_cost: { incl_vat: 0.66 },
        last_updated: '2019-06-23T08:11:00Z',
      }),
    ).toEqual(['total_cost.excl_vat']);
  });
});

describe('ChargingPreferences', () => {
  it('accepts preferences with only a profile type', () => {
    // Act + Assess
    expect(issuePaths(ChargingPreferencesSchema, { profile_type: 'GREEN' })).toEqual([]);
  });

  it('rejects preferences without a profile type and with a departure time offset', () => {
    // Prepare
    const preferences = { departure_time: '2019-06-23T18:00:00+02:00', energy_need: 20 };

    // Act + Assess
    expect(issuePaths(ChargingPreferencesSchema, preferences)).toEqual(['departure_time', 'profile_type']);
  });

  it('parses the response enum value and rejects others', () => {
    // Act + Assess
    expect(ChargingPreferencesResponseSchema.parse('DEPARTURE_REQUIRED')).toBe('DEPARTURE_REQUIRED');
    expect(ChargingPreferencesResponseSchema.safeParse('OK').success).toBe(false);
  });
});
