import { describe, expect, it } from 'vitest';
import { newRequestId, readOrCreateRequestIds } from '../../functions/ocpi/request-ids';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function headers(values: Record<string, string>): (name: string) => string | undefined {
  return (name) => values[name];
}

describe('readOrCreateRequestIds', () => {
  it('keeps valid incoming ids', () => {
    // Prepare
    const get = headers({ 'X-Request-ID': 'req-1', 'X-Correlation-ID': 'corr-1' });

    // Act
    const ids = readOrCreateRequestIds(get);

    // Assess
    expect(ids).toEqual({ requestId: 'req-1', correlationId: 'corr-1' });
  });

  it('generates distinct UUID v4 values when both are missing', () => {
    // Prepare
    const get = headers({});

    // Act
    const ids = readOrCreateRequestIds(get);

    // Assess
    expect(ids.requestId).toMatch(UUID_V4);
    expect(ids.correlationId).toMatch(UUID_V4);
    expect(ids.requestId).not.toBe(ids.correlationId);
  });

  it('replaces values that are too long, empty or not printable ASCII', () => {
    // Prepare
    const cases = ['x'.repeat(256), '', '   ', 'abc\ndef', 'naïve'];

    // Act
    const ids = cases.map((value) => readOrCreateRequestIds(headers({ 'X-Request-ID': value })).requestId);

    // Assess
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it('accepts a value of exactly 255 characters and trims surrounding spaces', () => {
    // Prepare
    const long = 'y'.repeat(255);

    // Act
    const ids = readOrCreateRequestIds(headers({ 'X-Request-ID': long, 'X-Correlation-ID': '  c-2  ' }));

    // Assess
    expect(ids).toEqual({ requestId: long, correlationId: 'c-2' });
  });
});

describe('newRequestId', () => {
  it('returns a fresh UUID v4 each time', () => {
    // Prepare / Act
    const [a, b] = [newRequestId(), newRequestId()];

    // Assess
    expect(a).toMatch(UUID_V4);
    expect(a).not.toBe(b);
  });
});
