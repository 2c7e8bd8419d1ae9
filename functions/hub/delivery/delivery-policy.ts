/**
 * How hard the hub tries. OCPI itself asks for no retries of pushes (ocpi-notes §1.8, §5); the hub has
 * already acknowledged the sender, so it owes the receivers a best effort that survives a blip or a
 * restart, bounded so an outage ends in a GET re-sync rather than a flood of stale pushes.
 */
export interface DeliveryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long one worker owns a lane; must exceed the outbound timeout. */
  leaseMs: number;
  /** A message whose stream record has not fanned it out after this long is fanned out by the sweep. */
  fanOutGraceMs: number;
  /**
   * How long the fan-out waits for one receiver of a broadcast before leaving the message to that
   * receiver's lane: a slow receiver must not hold up the next messages for everybody.
   */
  fanOutTimeoutMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  leaseMs: 60_000,
  fanOutGraceMs: 60_000,
  fanOutTimeoutMs: 2_000,
};

/** Capped exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function retryDelayMs(attempts: number, policy: DeliveryPolicy, random: () => number = Math.random) {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
