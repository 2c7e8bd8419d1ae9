import { describe, expect, it } from 'vitest';
import type { Partner } from '../../../functions/domain/partner';
import { AuthCache } from '../../../functions/hub/auth/auth-cache';
import type { Caller } from '../../../functions/hub/auth/credential-auth';

const caller = (partnerId: string, tokenHash: string): Caller => ({
  partner: { id: partnerId } as Partner,
  tokenKind: 'C',
  tokenHash,
});

describe('AuthCache', () => {
  it('serves a cached caller until its time to live runs out', () => {
    // Prepare
    const cache = new AuthCache(1_000);
    cache.set('demo', caller('p1', 'h1'), 0);
    // Act + Assess
    expect(cache.get('demo', 'h1', 999)?.partner.id).toBe('p1');
    expect(cache.get('demo', 'h1', 1_000)).toBeUndefined();
  });

  it('never serves a token past its own expiry (the rotation grace window stays exact)', () => {
    // Prepare
    const cache = new AuthCache(60_000);
    cache.set('demo', caller('p1', 'h1'), 0, 500);
    // Act + Assess
    expect(cache.get('demo', 'h1', 499)).toBeDefined();
    expect(cache.get('demo', 'h1', 500)).toBeUndefined();
  });

  it('forgets every token of a partner at once, and only in that tenant', () => {
    // Prepare
    const cache = new AuthCache();
    cache.set('demo', caller('p1', 'h1'), 0);
    cache.set('demo', caller('p1', 'h2'), 0);
    cache.set('other', caller('p1', 'h1'), 0);
    // Act
    cache.invalidatePartner('demo', 'p1');
    // Assess
    expect(cache.get('demo', 'h1', 1)).toBeUndefined();
    expect(cache.get('demo', 'h2', 1)).toBeUndefined();
    expect(cache.get('other', 'h1', 1)).toBeDefined();
  });

  it('keeps tenants apart: the same token hash in another tenant is a different entry', () => {
    // Prepare
    const cache = new AuthCache();
    cache.set('demo', caller('p1', 'h1'), 0);
    // Act + Assess
    expect(cache.get('other', 'h1', 1)).toBeUndefined();
  });

  it('stays bounded, evicting the oldest entry', () => {
    // Prepare
    const cache = new AuthCache(60_000, 2);
    cache.set('demo', caller('p1', 'h1'), 0);
    cache.set('demo', caller('p2', 'h2'), 0);
    // Act
    cache.set('demo', caller('p3', 'h3'), 0);
    // Assess
    expect(cache.get('demo', 'h1', 1)).toBeUndefined();
    expect(cache.get('demo', 'h3', 1)).toBeDefined();
  });

  it('hands out one re-read of an entry in use before it runs out, and none of a fresh one', () => {
    // Prepare
    const cache = new AuthCache(1_000);
    cache.set('demo', caller('p1', 'h1'), 0);
    // Act
    const early = cache.claimRefresh('demo', 'h1', 799);
    const due = cache.claimRefresh('demo', 'h1', 800);
    const again = cache.claimRefresh('demo', 'h1', 900);
    // Assess
    expect([early, due, again]).toEqual([false, true, false]);
    expect(cache.get('demo', 'h1', 900)?.partner.id).toBe('p1');
  });

  it('renews an entry from its re-read, but not one this process dropped meanwhile', () => {
    // Prepare
    const cache = new AuthCache(1_000);
    cache.set('demo', caller('p1', 'h1'), 0);
    cache.set('demo', caller('p2', 'h2'), 0);
    cache.claimRefresh('demo', 'h1', 800);
    cache.claimRefresh('demo', 'h2', 800);
    cache.invalidatePartner('demo', 'p2');
    // Act
    cache.refreshed('demo', caller('p1', 'h1'), 900);
    cache.refreshed('demo', caller('p2', 'h2'), 900);
    // Assess
    expect(cache.get('demo', 'h1', 1_500)?.partner.id).toBe('p1');
    expect(cache.get('demo', 'h2', 901)).toBeUndefined();
  });

  it('lets a failed re-read be tried again, and drops a token the re-read found revoked', () => {
    // Prepare
    const cache = new AuthCache(1_000);
    cache.set('demo', caller('p1', 'h1'), 0);
    cache.claimRefresh('demo', 'h1', 800);
    // Act
    cache.refreshFailed('demo', 'h1');
    const retried = cache.claimRefresh('demo', 'h1', 850);
    cache.forget('demo', 'h1');
    // Assess
    expect(retried).toBe(true);
    expect(cache.get('demo', 'h1', 851)).toBeUndefined();
  });
});
