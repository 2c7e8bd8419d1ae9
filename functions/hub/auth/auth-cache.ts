import type { Caller } from './credential-auth';

/**
 * Hot-path cache of authenticated callers (keyed by tenant + token hash), so a routed request costs
 * no store round trip for authentication. Bounded staleness is the price: an entry lives at most
 * `ttlMs` and never past the token's own expiry (so the rotation grace window is exact), and this
 * process drops a partner's entries the moment it rotates or revokes that partner's tokens. Other
 * processes (other Lambda instances) notice a revocation within `ttlMs`.
 */
export class AuthCache {
  private readonly entries = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(tenantId: string, tokenHash: string, now: number): Caller | undefined {
    const key = `${tenantId}\u0000${tokenHash}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.caller;
  }

  set(tenantId: string, caller: Caller, now: number, tokenExpiresAt?: number): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const until = Math.min(now + this.ttlMs, tokenExpiresAt ?? Number.POSITIVE_INFINITY);
    this.entries.set(`${tenantId}\u0000${caller.tokenHash}`, { caller, until });
  }

  invalidatePartner(tenantId: string, partnerId: string): void {
    for (const [key, entry] of this.entries) {
      if (key.startsWith(`${tenantId}\u0000`) && entry.caller.partner.id === partnerId)
        this.entries.delete(key);
    }
  }
}
