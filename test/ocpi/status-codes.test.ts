import { describe, expect, it } from 'vitest';
import { isSuccessStatus, OcpiStatus } from '../../functions/ocpi/status-codes';

describe('OcpiStatus', () => {
  it('uses the 2.2.1 numeric codes', () => {
    // Prepare / Act
    const codes = OcpiStatus;

    // Assess
    expect(codes.SUCCESS).toBe(1000);
    expect(codes.INVALID_PARAMETERS).toBe(2001);
    expect(codes.UNKNOWN_TOKEN).toBe(2004);
    expect(codes.CLIENT_API_UNUSABLE).toBe(3001);
    expect(codes.NO_MATCHING_ENDPOINTS).toBe(3003);
    expect(codes.RECEIVER_NOT_CONNECTED).toBe(4003);
  });

  it('has no 4004, which 2.2.1 does not define', () => {
    // Prepare / Act
    const values: number[] = Object.values(OcpiStatus);

    // Assess
    expect(values).not.toContain(4004);
    expect(values.filter((v) => v >= 4000)).toEqual([4000, 4001, 4002, 4003]);
  });
});

describe('isSuccessStatus', () => {
  it('treats 1000 and custom 19xx as success and everything else as failure', () => {
    // Prepare
    const cases: Array<[number, boolean]> = [
      [1000, true],
      [1999, true],
      [2000, false],
      [3001, false],
      [4002, false],
      [999, false],
    ];

    // Act
    const results = cases.map(([code]) => isSuccessStatus(code));

    // Assess
    expect(results).toEqual(cases.map(([, expected]) => expected));
  });
});
