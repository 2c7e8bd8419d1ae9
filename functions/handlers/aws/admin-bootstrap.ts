import * as z from 'zod/mini';
import {
  type AdminTokenStore,
  createAdminToken,
  MAX_ADMIN_TOKEN_DAYS,
  revokeAdminToken,
} from '../../hub/auth/admin-tokens';
import { findTenant, type HubRuntime } from '../../hub/hub-runtime';

/**
 * The first admin token of a tenant in AWS, with no human handling key material (docs/operations.md
 * "First admin token"): the bootstrap function, run under IAM by `aws lambda invoke`, creates a named
 * admin token (keyed hash in the tenant's table) and puts the token into the tenant's own Secrets
 * Manager secret, where an operator allowed to read that secret picks it up. Its answer never carries
 * the token. A second run replaces the secret's token with a new one and revokes the one it held.
 */
const BootstrapAdminEventSchema = z.strictObject({
  tenant: z.string().check(z.minLength(1), z.maxLength(64)),
  name: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)), 'bootstrap'),
  expires_in_days: z._default(z.int().check(z.minimum(1), z.maximum(MAX_ADMIN_TOKEN_DAYS)), 30),
});

/** What the tenant's secret holds (JSON). */
export interface AdminTokenSecretValue {
  tenant: string;
  admin_token_id: string;
  name: string;
  expires_at: string;
  token: string;
}

/** The per-tenant secrets (Secrets Manager in AWS). */
export interface AdminTokenSecrets {
  nameOf(tenantId: string): string;
  /** The admin token id the tenant's secret holds now; undefined when there is no such secret yet. */
  currentTokenId(tenantId: string): Promise<string | undefined>;
  /** Creates the secret or stores a new version of it. */
  write(tenantId: string, value: AdminTokenSecretValue): Promise<void>;
}

export interface BootstrapAdminResult {
  tenant: string;
  admin_token_id: string;
  name: string;
  expires_at: string;
  secret_name: string;
  /** The token the secret held before, revoked now. */
  revoked_admin_token_id?: string;
}

export class BootstrapAdminError extends Error {}

export async function bootstrapAdmin(
  runtime: HubRuntime,
  secrets: AdminTokenSecrets,
  event: unknown,
): Promise<BootstrapAdminResult> {
  const parsed = BootstrapAdminEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BootstrapAdminError(`event ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const input = parsed.data;
  const tenant = findTenant(runtime.config, input.tenant);
  if (!tenant) throw new BootstrapAdminError(`event tenant: unknown tenant '${input.tenant.slice(0, 40)}'`);
  const store: AdminTokenStore = {
    tokens: runtime.stores.forTenant(tenant.id).adminTokens,
    keys: runtime.keys,
    now: runtime.now,
  };
  const previousId = await secrets.currentTokenId(tenant.id);
  const expiresAt = new Date(runtime.now() + input.expires_in_days * 86_400_000).toISOString();
  const { record, token } = await createAdminToken(store, { name: input.name, expiresAt });
  // The secret first: if revoking fails, the operator still has a working token.
  await secrets.write(tenant.id, {
    tenant: tenant.id,
    admin_token_id: record.id,
    name: record.name,
    expires_at: expiresAt,
    token,
  });
  const revoked = previousId ? await revokeAdminToken(store, previousId) : undefined;
  runtime.log.security('admin_token_bootstrapped', {
    tenant: tenant.id,
    admin_token_id: record.id,
    name: record.name,
    revoked_admin_token_id: revoked?.id,
  });
  return {
    tenant: tenant.id,
    admin_token_id: record.id,
    name: record.name,
    expires_at: expiresAt,
    secret_name: secrets.nameOf(tenant.id),
    ...(revoked ? { revoked_admin_token_id: revoked.id } : {}),
  };
}
