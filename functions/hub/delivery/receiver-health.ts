import { type DeliveryPolicy, retryDelayMs } from './delivery-policy';

/**
 * What one delivery worker knows about receivers it just failed to reach: after a failure a receiver
 * is left alone for the retry delay (growing with each further failure), and every message for it
 * goes straight to its lane, where the retry sweep delivers it in order. So a receiver that is down
 * or never answers costs the fan-out one attempt per backoff period, not one per message, and the
 * other receivers do not wait for it (issue #12 item 5). Memory only: a new worker starts trusting.
 */
export class ReceiverHealth {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly policy: DeliveryPolicy,
    private readonly now: () => number,
  ) {}

  /** Whether the fan-out should try this receiver now. */
  available(receiverKey: string): boolean {
    const state = this.failures.get(receiverKey);
    return !state || state.until <= this.now();
  }

  failed(receiverKey: string): void {
    const count = (this.failures.get(receiverKey)?.count ?? 0) + 1;
    this.failures.set(receiverKey, { count, until: this.now() + retryDelayMs(count, this.policy, () => 1) });
  }

  answered(receiverKey: string): void {
    this.failures.delete(receiverKey);
  }
}
