import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../functions/hub/charging/content-hash';
import { applySessionPatch } from '../../../functions/hub/charging/session-patch';

describe('applySessionPatch', () => {
  it('appends charging_periods and replaces other fields', () => {
    // Prepare
    const stored = { id: 'S1', kwh: 1, charging_periods: [{ n: 1 }], status: 'ACTIVE' };
    // Act
    const merged = applySessionPatch(stored, { kwh: 2, charging_periods: [{ n: 2 }], last_updated: 'x' });
    // Assess
    expect(merged).toEqual({
      id: 'S1',
      kwh: 2,
      charging_periods: [{ n: 1 }, { n: 2 }],
      status: 'ACTIVE',
      last_updated: 'x',
    });
    expect(stored.charging_periods).toEqual([{ n: 1 }]);
  });

  it('starts the list when the stored session had no charging periods', () => {
    // Act
    const merged = applySessionPatch({ id: 'S1' }, { charging_periods: [{ n: 1 }] });
    // Assess
    expect(merged.charging_periods).toEqual([{ n: 1 }]);
  });
});

describe('contentHash', () => {
  it('hashes the same object in another key order alike, and a changed value differently', () => {
    // Act
    const a = contentHash({ id: 'C1', nested: { x: 1, y: [1, 2] } });
    const b = contentHash({ nested: { y: [1, 2], x: 1 }, id: 'C1' });
    const c = contentHash({ id: 'C1', nested: { x: 2, y: [1, 2] } });
    // Assess
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
