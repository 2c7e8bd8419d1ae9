import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it, vi } from 'vitest';
import { OutboundUrlRefusedError } from '../../functions/outbound/errors';
import { createPinnedLookup, type PinnedLookup } from '../../functions/outbound/pinned-lookup';
import { NAME_REFUSED } from '../../functions/outbound/url-guard';

const strict = { allowHttp: false, allowPrivateAddresses: false };

type LookupResult = { error: Error | null; address: string | LookupAddress[]; family?: number };

function lookupOf(pinned: PinnedLookup, hostname: string, options: LookupOptions): Promise<LookupResult> {
  return new Promise((resolve) => {
    pinned.lookup(hostname, options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('createPinnedLookup', () => {
  it('connects to the remembered vetted addresses without resolving again', async () => {
    // Prepare
    const resolve = vi.fn(async () => ['169.254.169.254']);
    const pinned = createPinnedLookup(strict, resolve);
    pinned.remember('partner.example', ['8.8.8.8', '2606:4700::1111']);

    // Act
    const all = await lookupOf(pinned, 'partner.example', { all: true });
    const single = await lookupOf(pinned, 'partner.example', {});

    // Assess
    expect(all.address).toEqual([
      { address: '8.8.8.8', family: 4 },
      { address: '2606:4700::1111', family: 6 },
    ]);
    expect(single).toEqual({ error: null, address: '8.8.8.8', family: 4 });
    expect(resolve).not.toHaveBeenCalled();
  });

  it('vets a host it has not seen and refuses it when it rebinds to a private address', async () => {
    // Prepare
    const pinned = createPinnedLookup(strict, async () => ['10.0.0.1']);

    // Act
    const result = await lookupOf(pinned, 'rebound.example', { all: true });

    // Assess
    expect(result.error).toBeInstanceOf(OutboundUrlRefusedError);
    expect((result.error as OutboundUrlRefusedError).reason).toBe(NAME_REFUSED);
    expect((result.error as OutboundUrlRefusedError).detail).toBe(
      'rebound.example resolves to 10.0.0.1: address 10.0.0.1 is private',
    );
  });

  it('vets a host it has not seen and returns its public addresses', async () => {
    // Prepare
    const pinned = createPinnedLookup(strict, async () => ['8.8.4.4']);

    // Act
    const result = await lookupOf(pinned, 'partner.example', {});

    // Assess
    expect(result).toEqual({ error: null, address: '8.8.4.4', family: 4 });
  });

  it('answers only addresses of the requested family', async () => {
    // Prepare
    const pinned = createPinnedLookup(strict, async () => []);
    pinned.remember('partner.example', ['8.8.8.8', '2606:4700::1111']);

    // Act
    const v6 = await lookupOf(pinned, 'partner.example', { family: 6 });
    const none = await lookupOf(
      createPinnedLookup(strict, async () => ['8.8.8.8']),
      'v4.example',
      {
        family: 6,
      },
    );

    // Assess
    expect(v6).toEqual({ error: null, address: '2606:4700::1111', family: 6 });
    expect((none.error as NodeJS.ErrnoException).code).toBe('ENOTFOUND');
  });
});
