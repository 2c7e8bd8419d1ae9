import { isRegistered } from '../credentials/credentials-support';
import { rotateWithPartner } from '../credentials/hub-initiated.service';
import type { TenantContext } from '../hub-runtime';

/**
 * Scheduled rotation (credentials §4.1.2; the spec advises at least monthly): every registered partner
 * whose oldest token is older than `rotationMaxAgeDays` gets a hub-initiated credentials PUT. One
 * failing partner does not stop the others; its `last_error` tells the admin why.
 */
export async function rotateStaleCredentials(
  ctx: TenantContext,
): Promise<{ rotated: string[]; failed: string[] }> {
  const maxAgeMs = ctx.tenant.credentials.rotationMaxAgeDays * 86_400_000;
  const now = ctx.runtime.now();
  const rotated: string[] = [];
  const failed: string[] = [];
  for (const partner of await ctx.store.partners.list()) {
    if (partner.status !== 'CONNECTED' || !isRegistered(partner)) continue;
    const oldest = Math.min(
      Date.parse(partner.inbound_token_set_at ?? partner.registered_at ?? partner.created_at),
      Date.parse(partner.outbound_token_set_at ?? partner.registered_at ?? partner.created_at),
    );
    if (now - oldest < maxAgeMs) continue;
    try {
      await rotateWithPartner(ctx, partner.id);
      rotated.push(partner.id);
    } catch (err) {
      failed.push(partner.id);
      ctx.log.warn('scheduled credentials rotation failed', {
        partner: partner.id,
        error: (err as Error).message,
      });
    }
  }
  return { rotated, failed };
}
