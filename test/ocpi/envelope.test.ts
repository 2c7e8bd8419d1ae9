import { describe, expect, it } from 'vitest';
import {
  envelopeFromError,
  errorEnvelope,
  OcpiEnvelopeSchema,
  parseEnvelope,
  successEnvelope,
} from '../../functions/ocpi/envelope';
import { InvalidParametersError, UnknownTokenError } from '../../functions/ocpi/errors';

const NOW = Date.UTC(2024, 4, 1, 12, 30, 15);

describe('successEnvelope', () => {
  it('wraps data with status 1000 and a UTC timestamp', () => {
    // Prepare
    const data = [{ id: 'LOC1' }];

    // Act
    const envelope = successEnvelope(data, 'Success', NOW);

    // Assess
    expect(envelope).toEqual({
      data,
      status_code: 1000,
      status_message: 'Success',
      timestamp: '2024-05-01T12:30:15Z',
    });
  });

  it('omits data and message when none are given', () => {
    // Prepare / Act
    const envelope = successEnvelope(undefined, undefined, NOW);

    // Assess
    expect(Object.keys(envelope).sort()).toEqual(['status_code', 'timestamp']);
  });

  it('stamps the current time by default', () => {
    // Prepare
    const before = Date.now() - 1000;

    // Act
    const envelope = successEnvelope();

    // Assess
    expect(Date.parse(envelope.timestamp)).toBeGreaterThanOrEqual(before);
    expect(envelope.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
  });
});

describe('errorEnvelope and envelopeFromError', () => {
  it('builds an error envelope without data', () => {
    // Prepare / Act
    const envelope = errorEnvelope(4001, 'unknown receiver', NOW);

    // Assess
    expect(envelope).toEqual({
      status_code: 4001,
      status_message: 'unknown receiver',
      timestamp: '2024-05-01T12:30:15Z',
    });
  });

  it('takes code and message from a typed error', () => {
    // Prepare
    const err = new InvalidParametersError('required', 'last_updated');

    // Act
    const envelope = envelopeFromError(err, NOW);

    // Assess
    expect(envelope.status_code).toBe(2001);
    expect(envelope.status_message).toBe('invalid parameter: last_updated: required');
    expect(envelope.data).toBeUndefined();
  });

  it('leaves the HTTP status to the error', () => {
    // Prepare
    const err = new UnknownTokenError();

    // Act
    const envelope = envelopeFromError(err, NOW);

    // Assess
    expect([err.httpStatus, envelope.status_code]).toEqual([404, 2004]);
  });
});

describe('parseEnvelope', () => {
  it('reads a well-formed answer', () => {
    // Prepare
    const json = { data: { token: 'x' }, status_code: 1000, timestamp: '2024-05-01T12:30:15Z' };

    // Act
    const envelope = parseEnvelope(json);

    // Assess
    expect(envelope).toEqual(json);
  });

  it('tolerates null fields, a numeric-string status, offsets and unknown fields', () => {
    // Prepare
    const json = {
      data: null,
      status_code: '2001',
      status_message: null,
      timestamp: '2024-05-01T14:30:15+02:00',
      vendor_extra: true,
    };

    // Act
    const envelope = parseEnvelope(json);

    // Assess
    expect(envelope).toEqual({
      status_code: 2001,
      timestamp: '2024-05-01T14:30:15+02:00',
      vendor_extra: true,
    });
  });

  it('accepts an answer without timestamp', () => {
    // Prepare / Act
    const envelope = parseEnvelope({ status_code: 1000 });

    // Assess
    expect(envelope?.status_code).toBe(1000);
    expect(envelope?.timestamp).toBe('');
  });

  it.each([
    ['a string', '<html>502 Bad Gateway</html>'],
    ['null', null],
    ['an array', [1]],
    ['no status_code', { data: [] }],
    ['a non-numeric status_code', { status_code: 'OK' }],
    ['a fractional status_code', { status_code: 1000.5 }],
  ])('returns undefined for %s', (_label, json) => {
    // Prepare / Act
    const envelope = parseEnvelope(json);

    // Assess
    expect(envelope).toBeUndefined();
  });

  it('exposes the schema for callers that compose it', () => {
    // Prepare / Act
    const result = OcpiEnvelopeSchema.safeParse({
      status_code: 3000,
      status_message: 'down',
      timestamp: 'x',
    });

    // Assess
    expect(result.success).toBe(true);
  });
});
