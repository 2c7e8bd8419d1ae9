import type { PartyRef } from '../../ocpi/party';
import { ROUTING_HEADER_NAMES } from '../../ocpi/routing-headers';

/**
 * Receiver response headers relayed to the requester (ocpi-notes §1.2, §1.5, §3.1), by lower-case name
 * (the HTTP client lower-cases them) to the spelling the hub sends. `Link` is not here: it is always
 * rewritten to a hub URL. `Location` is relayed as received; the module route decides what to do with
 * it (a CDR POST's Location must become a hub URL, ocpi-notes §3.6).
 */
const RELAYED: Record<string, string> = {
  'ocpi-to-country-code': ROUTING_HEADER_NAMES.toCountryCode,
  'ocpi-to-party-id': ROUTING_HEADER_NAMES.toPartyId,
  'ocpi-from-country-code': ROUTING_HEADER_NAMES.fromCountryCode,
  'ocpi-from-party-id': ROUTING_HEADER_NAMES.fromPartyId,
  'x-total-count': 'X-Total-Count',
  'x-limit': 'X-Limit',
  location: 'Location',
  'content-type': 'Content-Type',
};

/**
 * The headers of the answer to the requester. Routing headers on the response leg are TO = requester,
 * FROM = receiver (ocpi-notes §3.1); a receiver that leaves them out gets them filled in from the request.
 */
export function relayedHeaders(
  received: Record<string, string>,
  request: { from: PartyRef; to: PartyRef },
): Record<string, string> {
  const headers: Record<string, string> = {
    [ROUTING_HEADER_NAMES.toCountryCode]: request.from.country_code,
    [ROUTING_HEADER_NAMES.toPartyId]: request.from.party_id,
    [ROUTING_HEADER_NAMES.fromCountryCode]: request.to.country_code,
    [ROUTING_HEADER_NAMES.fromPartyId]: request.to.party_id,
    'Content-Type': 'application/json',
  };
  for (const [name, value] of Object.entries(received)) {
    const relayedName = RELAYED[name.toLowerCase()];
    if (relayedName && value.trim() !== '') headers[relayedName] = value;
  }
  return headers;
}
