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
});
