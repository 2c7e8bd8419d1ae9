import type { PartnerRole, PartyRoleName } from '../../domain/partner';
import { UnknownReceiverError } from '../../ocpi/errors';
import type { PartyRef } from '../../ocpi/party';
import type { RoutingHeaders } from '../../ocpi/routing-headers';
import type { Caller } from '../auth/credential-auth';
import type { TenantContext } from '../hub-runtime';
import { isHub, resolveFromParty } from './party-resolution';

/**
 * Where a functional-module request goes (ocpi-notes §3.1-§3.4): TO names a party other than the hub,
 * so it is routed to that party (direct routing); or TO is the hub or absent, so the hub itself
 * answers: it serves or stores and broadcasts objects, and derives the receiver of a charging message
 * from its content (open routing). A GET that follows a hub page link (`?link=`) never gets here: it
 * continues a forwarded pull (http/ocpi/forwarding.ts).
 */
export type Destination = { kind: 'hub' } | { kind: 'party'; to: PartyRef };

/** One OCPI request of a functional module as every module's routes hand it to the hub services. */
export interface OcpiCall {
  ctx: TenantContext;
  caller: Caller;
  /** The request's routing headers, read once. */
  routing: RoutingHeaders;
  destination: Destination;
  correlationId: string;
}

/** The one decision between the hub and a party for a request's routing headers. */
export function destinationOf(ctx: TenantContext, routing: RoutingHeaders): Destination {
  const { to } = routing;
  return to && !isHub(ctx, to) ? { kind: 'party', to } : { kind: 'hub' };
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
  if (call.destination.kind === 'party') return call.destination.to;
  const derived = await openRoute();
  if (derived) return derived;
  throw new UnknownReceiverError(`cannot determine the receiver of this ${what}; send OCPI-to headers`);
}
