import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../../functions/hub/limits/token-buckets';

describe('TokenBuckets', () => {
  it('allows a minute’s worth in a burst, then one request per 60/n seconds', () => {
    // Prepare
    const buckets = new TokenBuckets();
    const t0 = 1_000_000;
    // Act
    const burst = Array.from({ length: 4 }, () => buckets.take('k', 4, t0));
    const refused = buckets.take('k', 4, t0);
    const tooEarly = buckets.take('k', 4, t0 + 14_000);
    const refilled = buckets.take('k', 4, t0 + 15_000);
    // Assess
    expect(burst).toEqual([0, 0, 0, 0]);
    expect(refused).toBe(15);
    expect(tooEarly).toBe(1);
    expect(refilled).toBe(0);
  });

  it('keeps at most maxKeys buckets, so a flood of distinct keys cannot grow memory', () => {
    // Prepare
    const buckets = new TokenBuckets(3);
    for (const key of ['a', 'b', 'c']) buckets.take(key, 1, 0);
    // Act: a fourth key pushes out the least recently used ('a'), whose bucket starts full again.
    buckets.take('d', 1, 0);
    // Assess
    expect(buckets.peek('a', 1, 0)).toBe(0);
    expect(buckets.peek('b', 1, 0)).toBe(60);
  });
});
