import { InvalidParametersError } from './errors';

/**
 * OCPI routing headers (transport_and_format §4.1.5, ocpi-notes §1.2): used on every functional-module request
 * and response, never on versions, credentials or hubclientinfo. Values are CiStrings: compare them
 * case-insensitively, but keep the spelling the partner sent.
 */
import type { PartyRef } from './party';

export type RoutingHeaders = { from?: PartyRef; to?: PartyRef };

export const ROUTING_HEADER_NAMES = {
  fromCountryCode: 'OCPI-from-country-code',
  fromPartyId: 'OCPI-from-party-id',
  toCountryCode: 'OCPI-to-country-code',
  toPartyId: 'OCPI-to-party-id',
} as const;

/** CiString(2) ISO-3166 alpha-2 and CiString(3) party id (ocpi-notes §1.6). */
const COUNTRY_CODE = /^[A-Za-z]{2}$/;
const PARTY_ID = /^[A-Za-z0-9]{3}$/;

/**
 * Reads the FROM and TO pairs. A pair that is entirely absent is undefined (TO absent = open routing,
 * ocpi-notes §3.3); half a pair or a malformed value is a 2001 naming the header. Blank counts as absent.
 */
export function readRoutingHeaders(get: (name: string) => string | undefined): RoutingHeaders {
  const from = readPair(get, ROUTING_HEADER_NAMES.fromCountryCode, ROUTING_HEADER_NAMES.fromPartyId);
  const to = readPair(get, ROUTING_HEADER_NAMES.toCountryCode, ROUTING_HEADER_NAMES.toPartyId);
  const headers: RoutingHeaders = {};
  if (from) headers.from = from;
  if (to) headers.to = to;
  return headers;
}

function readPair(
  get: (name: string) => string | undefined,
  countryHeader: string,
  partyHeader: string,
): PartyRef | undefined {
  const countryCode = get(countryHeader)?.trim() || undefined;
  const partyId = get(partyHeader)?.trim() || undefined;
  if (countryCode === undefined && partyId === undefined) return undefined;
  if (countryCode === undefined)
    throw new InvalidParametersError(`missing (${partyHeader} is set)`, countryHeader);
  if (partyId === undefined)
    throw new InvalidParametersError(`missing (${countryHeader} is set)`, partyHeader);
  if (!COUNTRY_CODE.test(countryCode)) {
    throw new InvalidParametersError('must be a 2-letter country code', countryHeader);
  }
  if (!PARTY_ID.test(partyId)) throw new InvalidParametersError('must be 3 letters or digits', partyHeader);
  return { country_code: countryCode, party_id: partyId };
}

/** The four outbound routing headers for a functional-module request or response. */
export function routingHeaders(from: PartyRef, to: PartyRef): Record<string, string> {
  return {
    [ROUTING_HEADER_NAMES.fromCountryCode]: from.country_code,
    [ROUTING_HEADER_NAMES.fromPartyId]: from.party_id,
    [ROUTING_HEADER_NAMES.toCountryCode]: to.country_code,
    [ROUTING_HEADER_NAMES.toPartyId]: to.party_id,
  };
}
