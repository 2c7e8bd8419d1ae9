import type { ClientInfoRecord } from '../../domain/client-info';
import type { Partner } from '../../domain/partner';
import type { HubRuntime } from '../hub-runtime';

/** One party of a routing target's code, with the partner that holds it (endpoints included). */
export interface TargetCandidate {
  party: ClientInfoRecord;
  partner: Partner;
}

/**
 * How long a resolved target (party -> partner with endpoints and encrypted token) is reused in
 * process. Detecting a partner's `rev` change would cost the very read the cache saves, so staleness
 * is bounded by time instead: for at most this long a forward may still use endpoints, status or an
 * outbound token that changed in another process. The forwarder retries once with a fresh read when a
 * cached target refuses the hub's token (a rotation in the meantime).
 */
const TARGET_CACHE_TTL_MS = 5_000;
/** Bounds memory when partners send many distinct TO headers. */
const MAX_ENTRIES = 5_000;

type Entry = { candidates: TargetCandidate[]; expiresAt: number };

/** Keyed by runtime: every test hub (and every Lambda container) gets its own cache. */
const caches = new WeakMap<HubRuntime, Map<string, Entry>>();

function cacheOf(runtime: HubRuntime): Map<string, Entry> {
  let cache = caches.get(runtime);
  if (!cache) {
    cache = new Map();
    caches.set(runtime, cache);
  }
  return cache;
}

export function cachedTargets(runtime: HubRuntime, key: string): TargetCandidate[] | undefined {
  const cache = cacheOf(runtime);
  const entry = cache.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt <= Date.now()) {
    cache.delete(key);
    return undefined;
  }
  return entry.candidates;
}

export function rememberTargets(runtime: HubRuntime, key: string, candidates: TargetCandidate[]): void {
  const cache = cacheOf(runtime);
  if (cache.size >= MAX_ENTRIES) {
    // Map iteration is insertion order: dropping the first entry evicts the oldest.
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, { candidates, expiresAt: Date.now() + TARGET_CACHE_TTL_MS });
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
