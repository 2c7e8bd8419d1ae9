import { describe, expect, it } from 'vitest';
import {
  COMMAND_BODY_SCHEMAS,
  COMMAND_TYPES,
  CommandResponseSchema,
  CommandResultSchema,
  ReserveNowSchema,
  StartSessionSchema,
  StopSessionSchema,
  UnlockConnectorSchema,
} from '../../../functions/ocpi/schemas';
import { issuePaths } from './issue-paths';
import { loadExample } from './load-example';

const responseUrl = 'https://emsp.example.com/ocpi/emsp/2.2.1/commands/START_SESSION/1234';

function startSession(): Record<string, unknown> {
  return {
    response_url: responseUrl,
    token: loadExample('token_example_1_app_user.json'),
    location_id: 'LOC1',
  };
}

describe('command bodies', () => {
  it('accepts a StartSession with evse_uid and connector_id and keeps unknown fields', () => {
    // Act
    const parsed = StartSessionSchema.parse({
      ...startSession(),
      evse_uid: '3256',
      connector_id: '1',
      x_hint: 1,
    });

    // Assess
    expect(parsed['x_hint']).toBe(1);
  });

  it('rejects a StartSession with connector_id but no evse_uid', () => {
    // Act + Assess
    expect(issuePaths(StartSessionSchema, { ...startSession(), connector_id: '1' })).toEqual(['evse_uid']);
  });

  it.each(['not a url', '/relative/result', `https://emsp.example.com/${'u'.repeat(240)}`])(
    'rejects the response_url %j',
    (url) => {
      // Act + Assess
      expect(issuePaths(StopSessionSchema, { response_url: url, session_id: '101' })).toEqual([
        'response_url',
      ]);
    },
  );

  it('rejects a ReserveNow with an offset expiry and an oversized reservation id', () => {
    // Prepare
    const body = {
      ...startSession(),
      expiry_date: '2020-01-01T10:00:00+01:00',
      reservation_id: 'R'.repeat(37),
    };

    // Act + Assess
    expect(issuePaths(ReserveNowSchema, body)).toEqual(['expiry_date', 'reservation_id']);
  });

  it('requires all three references of an UnlockConnector', () => {
    // Act + Assess
    expect(issuePaths(UnlockConnectorSchema, { response_url: responseUrl, location_id: 'LOC1' })).toEqual([
      'connector_id',
      'evse_uid',
    ]);
  });

  it('has a body schema for every command type', () => {
    // Act
    const mapped = Object.keys(COMMAND_BODY_SCHEMAS).sort();

    // Assess
    expect(mapped).toEqual([...COMMAND_TYPES].sort());
  });

  it('picks the CancelReservation schema for CANCEL_RESERVATION', () => {
    // Act + Assess
    expect(issuePaths(COMMAND_BODY_SCHEMAS.CANCEL_RESERVATION, { response_url: responseUrl })).toEqual([
      'reservation_id',
    ]);
  });
});

describe('command responses and results', () => {
  it('accepts a rejected response with a message', () => {
    // Prepare
    const response = { result: 'REJECTED', timeout: 30, message: [{ language: 'en', text: 'EVSE busy' }] };

    // Act + Assess
    expect(issuePaths(CommandResponseSchema, response)).toEqual([]);
  });

  it.each([
    [{ result: 'ACCEPTED' }, ['timeout']],
    [{ result: 'ACCEPTED', timeout: 2.5 }, ['timeout']],
    [{ result: 'OK', timeout: 30 }, ['result']],
  ])('rejects the response %j', (response, paths) => {
    // Act + Assess
    expect(issuePaths(CommandResponseSchema, response)).toEqual(paths);
  });

  it('accepts every CommandResultType the spec lists, and only those', () => {
    // Act + Assess
    expect(issuePaths(CommandResultSchema, { result: 'CANCELED_RESERVATION' })).toEqual([]);
    expect(issuePaths(CommandResultSchema, { result: 'UNKNOWN_SESSION' })).toEqual(['result']);
  });
});
