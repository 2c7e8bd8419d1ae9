import type { CdrToken } from '../../ocpi/schemas/cdr-token';
import type { CdrTokenLookup, LocationLookup } from '../../ocpi/v211/translate';
import { locationKey } from '../../store/location.repository';
import type { TenantContext } from '../hub-runtime';

/** The stored Location a 2.1.1 Session or CDR embeds (ocpi-notes §6). */
export function locationLookup(ctx: TenantContext): LocationLookup {
  return async (owner, locationId) => (await ctx.store.locations.get(locationKey(owner, locationId)))?.object;
}

/**
 * The token behind a 2.1.1 `auth_id` (its contract id, ocpi-notes §6), as the CdrToken of a 2.2.1
 * Session or CDR. Several tokens of one contract (a card and an app) may exist: the most recently
 * updated one is reported, a valid one before an invalid one.
 */
export function cdrTokenLookup(ctx: TenantContext): CdrTokenLookup {
  return async (authId) => {
    const found = await ctx.store.tokens.findByContractId(authId);
    const [best] = found.sort(
      (a, b) =>
        Number(b.object.valid) - Number(a.object.valid) ||
        b.object.last_updated.localeCompare(a.object.last_updated),
    );
    if (!best) return undefined;
    const { country_code, party_id, uid, type, contract_id } = best.object;
    const token: CdrToken = { country_code, party_id, uid, type, contract_id };
    return token;
  };
}
