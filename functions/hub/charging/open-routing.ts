import type { PartyRef } from '../../ocpi/party';

import type { StoredSession } from '../../store/session.repository';
import type { TenantContext } from '../hub-runtime';
import { findLocationOwner, findTokenOwner } from '../objects/object-owners';

/**
 * Open routing (ocpi-notes §3.3 [hub-inference]): without OCPI-to headers the receiver is read from the
 * content. Tokens and locations are the hub's stored objects (pushed by their owners); sessions are
 * the ones this module keeps.
 */
export async function tokenOwner(
  ctx: TenantContext,
  uid: string,
  type?: string,
): Promise<PartyRef | undefined> {
  const owner = await findTokenOwner(ctx, uid, type);
  return owner ? { country_code: owner.country_code, party_id: owner.party_id } : undefined;
}

export async function locationOwner(ctx: TenantContext, locationId: string): Promise<PartyRef | undefined> {
  const owner = await findLocationOwner(ctx, locationId);
  return owner ? { country_code: owner.country_code, party_id: owner.party_id } : undefined;
}

/**
 * The stored session with this id that the requester may address: session ids are unique per CPO only,
 * so among several the one of the requester's own tokens wins; `undefined` when none is stored.
 */
export async function sessionById(
  ctx: TenantContext,
  sessionId: string,
  requesterKey?: string,
): Promise<StoredSession | undefined> {
  const found = await ctx.store.sessions.findById(sessionId);
  return found.find((s) => s.emsp_key === requesterKey) ?? found[0];
}
