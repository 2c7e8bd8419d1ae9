import { AsyncResource } from 'node:async_hooks';
import type { ClientInfoRecord } from '../../domain/client-info';
import type { Partner } from '../../domain/partner';
import type { HubRuntime } from '../hub-runtime';

/** One party of a routing target's code, with the partner that holds it (endpoints included). */
export interface TargetCandidate {
  party: ClientInfoRecord;
  partner: Partner;
}

/**
 * How long a resolved target (party -> partner with endpoints and encrypted token) is used at most.
 * Detecting a partner's `rev` change would cost the very read the cache saves, so staleness is bounded
 * by time instead: for about this long a forward may still use endpoints, status or an outbound token
 * that changed in another process (this process forgets a partner it changes at once). The forwarder
 * retries once with a fresh read when a cached target refuses the hub's token (a rotation meanwhile).
 */
const TARGET_USABLE_MS = 6_000;
/**
 * Past this age a target in use is read again in the background while requests go on using it, so no
 * request waits for that read (issue #14: a warm routed GET makes no DynamoDB call). A target nobody
 * asked for until TARGET_USABLE_MS is read on the request path again.
 */
const TARGET_REFRESH_AFTER_MS = 4_000;
/** Bounds memory when partners send many distinct TO headers. */
const MAX_ENTRIES = 5_000;

type Entry = { candidates: TargetCandidate[]; refreshAt: number; usableUntil: number; refreshing: boolean };

/** Keyed by runtime: every test hub (and every Lambda container) gets its own cache. */
const caches = new WeakMap<HubRuntime, Map<string, Entry>>();

/**
 * Created at module load, outside any request: a refresh runs in its async scope, not in the scope
 * of the request that noticed the entry aging (whose per-request context, e.g. its DynamoDB call
 * accounting in bench/hot-path-io.ts, it is not part of).
 */
const backgroundScope = new AsyncResource('hub-routing-target-refresh');

function cacheOf(runtime: HubRuntime): Map<string, Entry> {
  let cache = caches.get(runtime);
  if (!cache) {
    cache = new Map();
    caches.set(runtime, cache);
  }
  return cache;
}

/**
 * The cached candidates of `key`, or undefined when there are none usable. An entry past its refresh
 * age is still returned while `reload` (one at a time per entry) reads it again in the background and
 * remembers or forgets what it finds; a reload that fails leaves the entry until it is unusable.
 */
export function cachedTargets(
  runtime: HubRuntime,
  key: string,
  reload: () => Promise<void>,
): TargetCandidate[] | undefined {
  const cache = cacheOf(runtime);
  const entry = cache.get(key);
  if (!entry) return undefined;
  const now = Date.now();
  if (entry.usableUntil <= now) {
    cache.delete(key);
    return undefined;
  }
  if (entry.refreshAt <= now && !entry.refreshing) {
    entry.refreshing = true;
    backgroundScope.runInAsyncScope(() => {
      reload().catch(() => {
        entry.refreshing = false;
      });
    });
  }
  return entry.candidates;
}

export function rememberTargets(runtime: HubRuntime, key: string, candidates: TargetCandidate[]): void {
  const cache = cacheOf(runtime);
  if (!cache.has(key) && cache.size >= MAX_ENTRIES) {
    // Map iteration is insertion order: dropping the first entry evicts the oldest.
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  const now = Date.now();
  cache.set(key, {
    candidates,
    refreshAt: now + TARGET_REFRESH_AFTER_MS,
    usableUntil: now + TARGET_USABLE_MS,
    refreshing: false,
  });
}

/**
 * The outcome of a background reload: remembered, unless the entry was dropped meanwhile (this process
 * changed the partner while the read was under way: what was read may predate the change).
 */
export function refreshedTargets(runtime: HubRuntime, key: string, candidates: TargetCandidate[]): void {
  if (cacheOf(runtime).has(key)) rememberTargets(runtime, key, candidates);
}

/** Drops a cached resolution (a reload found no connected party: it must not be served any more). */
export function forgetTargets(runtime: HubRuntime, key: string): void {
  caches.get(runtime)?.delete(key);
}

/** Drops every cached resolution of this tenant that leads to the partner (its state or token changed). */
export function forgetPartnerTargets(runtime: HubRuntime, tenantId: string, partnerId: string): void {
  const cache = caches.get(runtime);
  if (!cache) return;
  for (const [key, entry] of cache) {
    if (key.startsWith(`${tenantId}|`) && entry.candidates.some((c) => c.partner.id === partnerId)) {
      cache.delete(key);
    }
  }
}
