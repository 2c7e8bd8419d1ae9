import { describe, expect, it } from 'vitest';
import { isSuccessStatus } from '../../functions/ocpi/status-codes';

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
