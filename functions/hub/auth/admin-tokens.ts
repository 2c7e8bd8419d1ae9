import type { AdminTokenRepository } from '../../store/admin-token.repository';
import type { TokenKeys } from './token-keys';

/** Admin bearer tokens, per tenant, stored only as keyed hashes in that tenant's table. */
export async function registerAdminToken(
  tokens: AdminTokenRepository,
  keys: TokenKeys,
  token: string,
  at: string,
): Promise<void> {
  await tokens.put(keys.hash(token), at);
}

export async function isAdminToken(
  tokens: AdminTokenRepository,
  keys: TokenKeys,
  token: string,
): Promise<boolean> {
  return tokens.exists(keys.hash(token));
}
