import { type PartyRef, sameParty } from '../../ocpi/party';

import type { TenantContext } from '../hub-runtime';

/**
 * Open routing by content (ocpi-notes §3.3 [hub-inference]): the owner of a token for real-time
 * authorization, the CPO of a location for commands, found among the objects pushed to the hub.
 * Ids are unique per owner only, so an id held by several owners is ambiguous: undefined, and the
 * caller must name the target with OCPI-to headers.
 */
export async function findTokenOwner(
  ctx: TenantContext,
  uid: string,
  type?: string,
): Promise<PartyRef | undefined> {
  const tokens = await ctx.store.tokens.findById(uid);
  const matching = tokens.filter((t) => !type || String(t.object.type).toUpperCase() === type.toUpperCase());
  return singleOwner(matching.map((t) => t.owner));
}

export async function findLocationOwner(
  ctx: TenantContext,
  locationId: string,
): Promise<PartyRef | undefined> {
  const locations = await ctx.store.locations.findById(locationId);
  return singleOwner(locations.map((l) => l.owner));
}

function singleOwner(owners: PartyRef[]): PartyRef | undefined {
  const [first, ...others] = owners;
  if (!first || others.some((o) => !sameParty(o, first))) return undefined;
  return { country_code: first.country_code, party_id: first.party_id };
}
