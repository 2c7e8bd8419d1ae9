import type { MiddlewareHandler } from 'hono';
import type { SimEnv } from './sim-env';
import type { BehaviourMode, BehaviourOptions, FailureMode } from './types';

const PER_REQUEST_FAILURES: readonly FailureMode[] = ['down', 'slow', 'garbage', 'http500'];

/** The misbehaviour switchboard: persistent modes plus a queue of one-shot request failures. */
export class Misbehaviour {
  private readonly modes = new Set<BehaviourMode>();
  private readonly queue: Array<{ mode: FailureMode; remaining: number; pathEndsWith?: string }> = [];
  private chaosRates: Array<[FailureMode, number]> = [];
  private random: () => number = Math.random;
  delayMs = 1000;

  static withModes(modes: readonly BehaviourMode[]): Misbehaviour {
    const misbehaviour = new Misbehaviour();
    if (modes.length > 0) misbehaviour.behave([...modes]);
    return misbehaviour;
  }

  /** Fails each request at random with these rates (e.g. { http500: 0.2 }), reproducibly from `seed`. */
  chaos(rates: Partial<Record<FailureMode, number>>, seed = 1, options: BehaviourOptions = {}): void {
    this.chaosRates = Object.entries(rates) as Array<[FailureMode, number]>;
    let state = seed >>> 0 || 1;
    // xorshift32: a seeded sequence, so a failing run can be repeated.
    this.random = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    if (options.delayMs !== undefined) this.delayMs = options.delayMs;
  }

  behave(mode: BehaviourMode | BehaviourMode[], options: BehaviourOptions = {}): void {
    this.modes.clear();
    this.chaosRates = [];
    for (const m of Array.isArray(mode) ? mode : [mode]) if (m !== 'normal') this.modes.add(m);
    if (options.delayMs !== undefined) this.delayMs = options.delayMs;
  }

  failNext(count: number, mode: FailureMode, options: BehaviourOptions = {}): void {
    if (count > 0) {
      const { pathEndsWith } = options;
      this.queue.push({ mode, remaining: count, ...(pathEndsWith ? { pathEndsWith } : {}) });
    }
    if (options.delayMs !== undefined) this.delayMs = options.delayMs;
  }

  has(mode: BehaviourMode): boolean {
    return this.modes.has(mode);
  }

  /** Decides (and consumes) the failure for the next inbound request to `path`, if any. */
  nextFailure(path: string): FailureMode | undefined {
    const index = this.queue.findIndex((f) => !f.pathEndsWith || path.endsWith(f.pathEndsWith));
    const queued = this.queue[index];
    if (queued) {
      queued.remaining -= 1;
      if (queued.remaining <= 0) this.queue.splice(index, 1);
      return queued.mode;
    }
    const persistent = PER_REQUEST_FAILURES.find((m) => this.modes.has(m));
    if (persistent || this.chaosRates.length === 0) return persistent;
    let draw = this.random();
    for (const [mode, rate] of this.chaosRates) {
      if (draw < rate) return mode;
      draw -= rate;
    }
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies the failure chosen for this request ('down' is handled below Hono, on the socket). */
export function misbehaviourMiddleware(misbehaviour: Misbehaviour): MiddlewareHandler<SimEnv> {
  return async function applyMisbehaviour(c, next) {
    const failure = c.get('failure');
    if (failure === 'slow') {
      await sleep(misbehaviour.delayMs);
      // The caller gave up meanwhile: like a platform that checks its connection, do not process it
      // (a late write would make the tests' view of what the receiver holds depend on timing).
      if (c.req.raw.signal?.aborted) return c.text('caller gone', 503);
    }
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
