import type { Partner, PartnerStatus } from '../../domain/partner';
import { PartnerChangedError } from '../../store/partner.repository';
import { savePartner } from '../credentials/credentials-support';
import { callPartner, PartnerApiError } from '../credentials/partner-api';
import type { TenantContext } from '../hub-runtime';

/** HubClientInfo still-alive check: after 5 minutes of silence (ocpi-notes §3.5). */
const DEFAULT_SILENCE_MS = 5 * 60_000;

export interface StillAliveResult {
  checked: string[];
  offline: string[];
  reconnected: string[];
}

/**
 * `GET {versions url}` with the hub's token to every registered partner not heard from for
 * `silenceMs` (it has no side effects, ocpi-notes §3.5). No answer: the partner and its parties turn
 * OFFLINE and get nothing pushed; an OFFLINE partner that answers is CONNECTED again (and pulls
 * what it missed). The status change reaches the other parties through the PARTY# stream records.
 */
export async function checkStillAlive(
  ctx: TenantContext,
  silenceMs = DEFAULT_SILENCE_MS,
): Promise<StillAliveResult> {
  const result: StillAliveResult = { checked: [], offline: [], reconnected: [] };
  const now = ctx.runtime.now();
  const partners = await ctx.store.partners.list();
  for (const partner of partners) {
    if (partner.status !== 'CONNECTED' && partner.status !== 'OFFLINE') continue;
    if (!partner.versions_url || !partner.outbound_token_enc) continue;
    const lastContact = partner.last_contact_at ? Date.parse(partner.last_contact_at) : 0;
    if (partner.status === 'CONNECTED' && now - lastContact < silenceMs) continue;
    result.checked.push(partner.id);
    const alive = await answers(ctx, partner);
    try {
      if (alive && partner.status === 'OFFLINE') {
        await setStatus(ctx, partner, 'CONNECTED', { last_contact_at: new Date(now).toISOString() });
        result.reconnected.push(partner.id);
      } else if (alive) {
        await ctx.store.partners.touch(partner.id, new Date(now).toISOString());
      } else if (partner.status === 'CONNECTED') {
        await setStatus(ctx, partner, 'OFFLINE', {
          last_error: 'still-alive check: no answer from versions',
        });
        result.offline.push(partner.id);
      }
    } catch (err) {
      // Changed meanwhile (e.g. it just called us): the next run looks again.
      if (!(err instanceof PartnerChangedError)) throw err;
    }
  }
  if (result.checked.length) ctx.log.info('still-alive check', { ...result });
  return result;
}

async function answers(ctx: TenantContext, partner: Partner): Promise<boolean> {
  try {
    await callPartner(ctx, {
      method: 'GET',
      url: partner.versions_url as string,
      token: ctx.runtime.keys.decrypt(partner.outbound_token_enc as string),
      encoding: partner.outbound_token_encoding,
    });
    return true;
  } catch (err) {
    if (err instanceof PartnerApiError) {
      ctx.log.warn('still-alive check failed', { partner: partner.id, reason: err.message });
      return false;
    }
    throw err;
  }
}

async function setStatus(
  ctx: TenantContext,
  partner: Partner,
  status: PartnerStatus,
  fields: Partial<Partner>,
): Promise<void> {
  const at = new Date(ctx.runtime.now()).toISOString();
  const from: PartnerStatus = status === 'OFFLINE' ? 'CONNECTED' : 'OFFLINE';
  const parties = (await ctx.store.partners.listParties()).filter(
    (p) => p.partner_id === partner.id && p.status === from,
  );
  await savePartner(ctx, { ...partner, ...fields, status, updated_at: at }, partner.rev, [
    ...parties.map((p) => ctx.store.partners.partyPut({ ...p, status, last_updated: at })),
  ]);
  ctx.log.security(status === 'OFFLINE' ? 'partner_offline' : 'partner_reconnected', { partner: partner.id });
}
