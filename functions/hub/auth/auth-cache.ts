import type { Caller } from './credential-auth';

/** Share of the time to live after which an entry in use is re-read in the background. */
const REFRESH_AT_SHARE = 0.8;

type Entry = { caller: Caller; until: number; refreshAt: number; refreshing: boolean };

/**
 * Hot-path cache of authenticated callers (keyed by tenant + token hash), so a routed request costs
 * no store round trip for authentication. Bounded staleness is the price: an entry lives at most
 * `ttlMs` and never past the token's own expiry (so the rotation grace window is exact), and this
 * process drops a partner's entries the moment it rotates or revokes that partner's tokens. Other
 * processes (other Lambda instances) notice a revocation within `ttlMs`. An entry in use is re-read
 * before it runs out (`claimRefresh`), off the request path, so a busy caller never waits for the
 * store (issue #14).
 */
export class AuthCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(tenantId: string, tokenHash: string, now: number): Caller | undefined {
    const key = keyOf(tenantId, tokenHash);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.caller;
  }

  /**
   * True once per entry that is due for a re-read (past REFRESH_AT_SHARE of its life, still valid):
   * the caller re-reads it and calls `set` or `forget`, or `refreshFailed` to allow another attempt.
   */
  claimRefresh(tenantId: string, tokenHash: string, now: number): boolean {
    const entry = this.entries.get(keyOf(tenantId, tokenHash));
    if (!entry || entry.refreshing || entry.refreshAt > now || entry.until <= now) return false;
    entry.refreshing = true;
    return true;
  }

  /**
   * The outcome of a claimed re-read: a fresh entry, unless the entry was dropped meanwhile (this
   * process rotated or revoked the partner's tokens while the read was under way: it stays dropped).
   */
  refreshed(tenantId: string, caller: Caller, now: number, tokenExpiresAt?: number): void {
    if (this.entries.has(keyOf(tenantId, caller.tokenHash))) this.set(tenantId, caller, now, tokenExpiresAt);
  }

  refreshFailed(tenantId: string, tokenHash: string): void {
    const entry = this.entries.get(keyOf(tenantId, tokenHash));
    if (entry) entry.refreshing = false;
  }

  set(tenantId: string, caller: Caller, now: number, tokenExpiresAt?: number): void {
    const key = keyOf(tenantId, caller.tokenHash);
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const until = Math.min(now + this.ttlMs, tokenExpiresAt ?? Number.POSITIVE_INFINITY);
    const refreshAt = now + this.ttlMs * REFRESH_AT_SHARE;
    this.entries.set(key, { caller, until, refreshAt, refreshing: false });
  }

  /** Drops one token's entry (a re-read found it revoked, expired or suspended). */
  forget(tenantId: string, tokenHash: string): void {
    this.entries.delete(keyOf(tenantId, tokenHash));
  }

  invalidatePartner(tenantId: string, partnerId: string): void {
    for (const [key, entry] of this.entries) {
      if (key.startsWith(`${tenantId}\u0000`) && entry.caller.partner.id === partnerId)
        this.entries.delete(key);
    }
  }
}

const keyOf = (tenantId: string, tokenHash: string) => `${tenantId}\u0000${tokenHash}`;
