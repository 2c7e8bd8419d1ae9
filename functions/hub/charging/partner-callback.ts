import type { PartyRoleName } from '../../domain/partner';
import type { ModuleId } from '../../ocpi/modules';
import type { PartyRef } from '../../ocpi/party';

import { safeUrlForLogs } from '../../outbound/safe-url';
import type { TenantContext } from '../hub-runtime';
import { type ForwardResult, sendHop } from '../routing/forwarder';
import { resolveTargetParty } from '../routing/party-resolution';

export interface Callback {
  module: ModuleId;
  /** The party the URL belongs to: the hub presents its own token for that party's partner. */
  to: PartyRef;
  toRoles: PartyRoleName[];
  from: PartyRef;
  url: string;
  bodyText: string;
  correlationId: string;
}

/**
 * POSTs an asynchronous result to the URL a requester chose (a command's or a charging profile's
 * response_url, ocpi-notes §4.6-4.7), through the guarded outbound client with the hub's token for that
 * requester and the chain's X-Correlation-ID. OCPI has no retries for these (ocpi-notes §5): one attempt,
 * and a failure is logged, never thrown, so the side that reported the result is not blamed for it.
 */
export async function postCallback(ctx: TenantContext, cb: Callback): Promise<ForwardResult | undefined> {
  try {
    const target = await resolveTargetParty(ctx, cb.to, cb.toRoles);
    return await sendHop(ctx, target, {
      module: cb.module,
      targetInterface: 'SENDER',
      method: 'POST',
      url: cb.url,
      bodyText: cb.bodyText,
      from: cb.from,
      to: cb.to,
      correlationId: cb.correlationId,
    });
  } catch (error) {
    ctx.log.warn('could not deliver an asynchronous result', {
      module: cb.module,
      url: safeUrlForLogs(cb.url),
      error,
    });
    return undefined;
  }
}
