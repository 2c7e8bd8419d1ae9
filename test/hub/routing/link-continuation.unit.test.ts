import { describe, expect, it, vi } from 'vitest';
import type { TenantContext } from '../../../functions/hub/hub-runtime';
import { hubUrlsOf } from '../../../functions/hub/hub-urls';
import {
  hubLinkFor,
  LINK_TTL_MS,
  resolveLinkContinuation,
} from '../../../functions/hub/routing/link-continuation';
import { HubError, InvalidParametersError } from '../../../functions/ocpi/errors';
import { ForwardLinkRepository } from '../../../functions/store/forward-link.repository';
import type { TenantTable } from '../../../functions/store/tenant-table';

const NOW = Date.parse('2024-05-01T10:00:00Z');
const PAGE = {
  url: 'https://cpo.example.com/ocpi/2.2.1/sender/locations?limit=2',
  module: 'locations' as const,
  targetInterface: 'SENDER' as const,
  partner_id: 'p-cpo',
  from: { country_code: 'NL', party_id: 'EM1' },
  to: { country_code: 'NL', party_id: 'CP1' },
  caller_partner_id: 'p-emsp',
};

function fakeContext() {
  const items = new Map<string, Record<string, unknown>>();
  const table = {
    put: vi.fn(async (item: Record<string, unknown>) => {
      items.set(String(item.pk), item);
    }),
    get: vi.fn(async (key: { pk: string }) => items.get(key.pk)),
  };
  const log = { warn: vi.fn(), error: vi.fn() };
  const ctx = {
    // The real repository over an in-memory table: the item it writes (ttl included) is checked below.
    store: { forwardLinks: new ForwardLinkRepository(table as unknown as TenantTable) },
    log,
    runtime: { now: () => NOW },
    urls: hubUrlsOf('https://hub.example.com', 'demo'),
  } as unknown as TenantContext;
  return { ctx, table };
}

describe('hubLinkFor', () => {
  it('stores the next page and hands out a hub URL without the partner URL', async () => {
    // Prepare
    const { ctx, table } = fakeContext();
    // Act
    const url = await hubLinkFor(
      ctx,
      '<https://cpo.example.com/ocpi/2.2.1/sender/locations?offset=2>; rel="next"',
      PAGE,
    );
    // Assess
    expect(url).toMatch(
      /^https:\/\/hub\.example\.com\/demo\/ocpi\/2\.2\.1\/sender\/locations\?link=[\w-]{22}$/,
    );
    expect(table.put).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://cpo.example.com/ocpi/2.2.1/sender/locations?offset=2',
        ttl: Math.ceil((NOW + LINK_TTL_MS) / 1000),
      }),
    );
  });

  it('returns undefined on the last page', async () => {
    // Act
    const url = await hubLinkFor(fakeContext().ctx, undefined, PAGE);
    // Assess
    expect(url).toBeUndefined();
  });

  it('refuses a next page on another origin with 4000 instead of dropping it', async () => {
    // Act
    const result = hubLinkFor(fakeContext().ctx, '<https://evil.example.net/steal>; rel="next"', PAGE);
    // Assess
    await expect(result).rejects.toBeInstanceOf(HubError);
  });
});

describe('resolveLinkContinuation', () => {
  it('finds a stored link by the id in the hub URL', async () => {
    // Prepare
    const { ctx } = fakeContext();
    const url = (await hubLinkFor(ctx, '<https://cpo.example.com/next>; rel="next"', PAGE)) ?? '';
    const id = new URL(url).searchParams.get('link') ?? '';
    // Act
    const link = await resolveLinkContinuation(ctx, { link: id });
    // Assess
    expect(link).toMatchObject({ id, url: 'https://cpo.example.com/next', caller_partner_id: 'p-emsp' });
  });

  it('returns undefined without a link parameter and 2001 for a malformed or unknown one', async () => {
    // Prepare
    const { ctx } = fakeContext();
    // Act
    const none = await resolveLinkContinuation(ctx, {});
    const malformed = resolveLinkContinuation(ctx, { link: '../etc' });
    const unknown = resolveLinkContinuation(ctx, { link: 'A'.repeat(22) });
    // Assess
    expect(none).toBeUndefined();
    await expect(malformed).rejects.toBeInstanceOf(InvalidParametersError);
    await expect(unknown).rejects.toThrow('unknown or expired page link');
  });
});
