import type { PartnerRole, PartyRoleName } from '../../domain/partner';
import { InvalidParametersError, UnknownReceiverError } from '../../ocpi/errors';
import { type PartyRef, partyKey } from '../../ocpi/party';
import type { RoutingHeaders } from '../../ocpi/routing-headers';
import type { Caller } from '../auth/credential-auth';
import type { TenantContext } from '../hub-runtime';
import { isHub, resolveFromParty } from './party-resolution';

/** One charging request as the routes hand it to the services. */
export interface OcpiCall {
  ctx: TenantContext;
  caller: Caller;
  routing: RoutingHeaders;
  correlationId: string;
}

/** The caller's party for this request, which must hold one of `roles` (ocpi-notes §3 [hub-inference]). */
export function callerParty(call: OcpiCall, roles: PartyRoleName[]): PartnerRole {
  return resolveFromParty(call.caller, call.routing.from, roles);
}

/**
 * The receiving party: the OCPI-to headers when they name a party other than the hub (direct routing,
 * ocpi-notes §3.1), else whatever `openRoute` derives from the content (open routing, ocpi-notes §3.3).
 */
export async function receiverOf(
  call: OcpiCall,
  openRoute: () => Promise<PartyRef | undefined>,
  what: string,
): Promise<PartyRef> {
  const to = call.routing.to;
  if (to && !isHub(call.ctx, to)) return to;
  const derived = await openRoute();
  if (derived) return derived;
  throw new UnknownReceiverError(`cannot determine the receiver of this ${what}; send OCPI-to headers`);
}

/** URL segments `{country_code}/{party_id}` must be the caller's own party (ocpi-notes §1.7). */
export function requireUrlParty(caller: PartyRef, url: PartyRef): void {
  if (partyKey(caller) !== partyKey(url)) {
    throw new InvalidParametersError(
      `${url.country_code}/${url.party_id} in the URL is not the sending party ${caller.country_code}/${caller.party_id}`,
      'url',
    );
  }
}

/** The body's owner fields and id must repeat the URL's (ocpi-notes §1.7: else 2001). */
export function requireSameObject(body: Record<string, unknown>, url: PartyRef & { id: string }): void {
  for (const [field, expected] of [
    ['country_code', url.country_code],
    ['party_id', url.party_id],
    ['id', url.id],
  ] as const) {
    if (String(body[field] ?? '').toUpperCase() !== expected.toUpperCase()) {
      throw new InvalidParametersError(`differs from the URL (${expected})`, field);
    }
  }
}
