/**
 * Token buckets by key: `perMinute` requests in a burst, refilled at `perMinute / 60` per second. The
 * map is bounded (least recently used keys go first), so a flood of distinct keys (random source
 * addresses, random tokens) cannot grow memory.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly maxKeys = 50_000) {}

  /** Takes one token: 0 when allowed, else the seconds until one is available (for Retry-After). */
  take(key: string, perMinute: number, now: number): number {
    const bucket = this.refilled(key, perMinute, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return secondsUntilOne(bucket.tokens, perMinute);
  }

  /** Like take, without taking: 0 when a token is available. */
  peek(key: string, perMinute: number, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) / 60_000) * perMinute);
    return tokens >= 1 ? 0 : secondsUntilOne(tokens, perMinute);
  }

  /** Whether nothing was taken from the key's bucket that has not been refilled since. */
  isFull(key: string, perMinute: number, now: number): boolean {
    const bucket = this.buckets.get(key);
    if (!bucket) return true;
    return bucket.tokens + ((now - bucket.at) / 60_000) * perMinute >= perMinute;
  }

  private refilled(key: string, perMinute: number, now: number): { tokens: number; at: number } {
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key); // re-inserted below: Map order is the LRU order
      bucket.tokens = Math.min(
        perMinute,
        bucket.tokens + (Math.max(0, now - bucket.at) / 60_000) * perMinute,
      );
      bucket.at = now;
    } else {
      bucket = { tokens: perMinute, at: now };
      if (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    }
    this.buckets.set(key, bucket);
    return bucket;
  }
}

function secondsUntilOne(tokens: number, perMinute: number): number {
  return Math.max(1, Math.ceil(((1 - tokens) * 60) / perMinute));
}
