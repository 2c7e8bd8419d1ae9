import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TenantTable } from '../../functions/store/tenant-table';
import { PlatformPool } from '../support/platforms';
import { startTestHub, type TestHub } from '../support/test-hub';

/** Issue #6 hot-path I/O: with warm caches, authenticating a request reads nothing from the store. */
describe('authentication on the hot path', () => {
  let hub: TestHub;
  const pool = new PlatformPool();

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await pool.closeAll();
    await hub?.stop();
  });

  it('reads no token from the store once the caller is cached, whether the token comes base64 or raw', async () => {
    for (const encoding of ['base64', 'raw'] as const) {
      // Prepare
      const { platform } = await pool.registered(hub, 'CPO', encoding === 'raw' ? 'HPR' : 'HPB', {
        tokenEncoding: encoding,
      });
      await platform.hubRequest('GET', hub.versionsUrl());
      const get = vi.spyOn(TenantTable.prototype, 'get');
      // Act
      for (let i = 0; i < 5; i++)
        expect((await platform.hubRequest('GET', hub.versionsUrl())).status).toBe(200);
      // Assess
      const tokenReads = get.mock.calls.filter(([key]) => String(key.pk).startsWith('CREDTOKEN#'));
      get.mockRestore();
      expect(tokenReads).toEqual([]);
    }
  });
});
