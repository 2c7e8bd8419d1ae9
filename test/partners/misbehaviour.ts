import type { MiddlewareHandler } from 'hono';
import type { SimEnv } from './sim-env';
import type { BehaviourMode, BehaviourOptions, FailureMode } from './types';

const PER_REQUEST_FAILURES: readonly FailureMode[] = ['down', 'slow', 'garbage', 'http500'];

/** The misbehaviour switchboard: persistent modes plus a queue of one-shot request failures. */
export class Misbehaviour {
  private readonly modes = new Set<BehaviourMode>();
  private readonly queue: Array<{ mode: FailureMode; remaining: number }> = [];
  delayMs = 1000;

  behave(mode: BehaviourMode | BehaviourMode[], options: BehaviourOptions = {}): void {
    this.modes.clear();
    for (const m of Array.isArray(mode) ? mode : [mode]) if (m !== 'normal') this.modes.add(m);
    if (options.delayMs !== undefined) this.delayMs = options.delayMs;
  }

  failNext(count: number, mode: FailureMode, options: BehaviourOptions = {}): void {
    if (count > 0) this.queue.push({ mode, remaining: count });
    if (options.delayMs !== undefined) this.delayMs = options.delayMs;
  }

  has(mode: BehaviourMode): boolean {
    return this.modes.has(mode);
  }

  /** Decides (and consumes) the failure for the next inbound request, if any. */
  nextFailure(): FailureMode | undefined {
    const head = this.queue[0];
    if (head) {
      head.remaining -= 1;
      if (head.remaining <= 0) this.queue.shift();
      return head.mode;
    }
    return PER_REQUEST_FAILURES.find((m) => this.modes.has(m));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies the failure chosen for this request ('down' is handled below Hono, on the socket). */
export function misbehaviourMiddleware(misbehaviour: Misbehaviour): MiddlewareHandler<SimEnv> {
  return async function applyMisbehaviour(c, next) {
    const failure = c.get('failure');
    if (failure === 'slow') await sleep(misbehaviour.delayMs);
    if (failure === 'garbage') {
      // Claims JSON but is not: the hub must not trust the Content-Type.
      return c.body('<html><body>Service temporarily unavailable</body></html>', 200, {
        'content-type': 'application/json',
      });
    }
    if (failure === 'http500') return c.text('Internal Server Error', 500);
    await next();
    return undefined;
  };
}
