import {
  type AdminTokenStore,
  adoptAdminToken,
  createAdminToken,
  hasUsableAdminToken,
} from '../hub/auth/admin-tokens';
import type { TokenKeys } from '../hub/auth/token-keys';
import type { TenantStores } from '../store/tenant-stores';
import { forgetLegacyAdminTokens, readLegacyAdminTokens } from './secret-files';

/** Name of the admin token `npm start` generates for a tenant that has none that works. */
const INITIAL_ADMIN_TOKEN_NAME = 'initial (npm start)';

/**
 * Admin tokens at local start-up, per tenant. HUB_ADMIN_TOKEN is registered (once) for every tenant;
 * otherwise a tenant without a working admin token gets a new one, returned here to be printed this
 * once: the store keeps only its keyed hash, so a later start cannot show it again (README "Admin API").
 */
export async function provisionAdminTokens(opts: {
  tenantIds: readonly string[];
  stores: TenantStores;
  keys: TokenKeys;
  now(): number;
  dataDir: string;
  fixedToken?: string;
}): Promise<Map<string, string>> {
  const shown = new Map<string, string>();
  const legacy = readLegacyAdminTokens(opts.dataDir);
  for (const tenantId of opts.tenantIds) {
    const store: AdminTokenStore = {
      tokens: opts.stores.forTenant(tenantId).adminTokens,
      keys: opts.keys,
      now: opts.now,
    };
    const legacyToken = legacy.get(tenantId);
    if (legacyToken) await adoptAdminToken(store, legacyToken, 'from admin-tokens.json');
    if (opts.fixedToken) {
      await adoptAdminToken(store, opts.fixedToken, 'HUB_ADMIN_TOKEN');
      shown.set(tenantId, opts.fixedToken);
    } else if (!(await hasUsableAdminToken(store))) {
      const { token } = await createAdminToken(store, { name: INITIAL_ADMIN_TOKEN_NAME });
      shown.set(tenantId, token);
    }
  }
  // Adopted: the clear-text copy has no reason to stay on disk.
  if (legacy.size > 0) forgetLegacyAdminTokens(opts.dataDir);
  return shown;
}
