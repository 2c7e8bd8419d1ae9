import type { PartnerRole, PartyRoleName } from '../../domain/partner';
import { InvalidParametersError } from '../../ocpi/errors';
import { type PartyRef, partyKey, sameParty } from '../../ocpi/party';

import type { Caller } from '../auth/credential-auth';

/**
 * Client-owned objects are pushed to `{endpoint}/{country_code}/{party_id}/{id}` (transport_and_format
 * §3.3, ocpi-notes §1.7): the URL's party SHALL be one of the caller's credentials roles and equal the
 * object's own fields, and the body's id SHALL equal the URL's. The spec lets a server answer such a
 * mismatch with HTTP 404; we answer OCPI 2001 naming the offending parameter, the same code as an id
 * mismatch, because the request did reach the OCPI layer and a named field tells the sender what to fix.
 */
export function assertOwnedByCaller(caller: Caller, urlParty: PartyRef, role: PartyRoleName): PartnerRole {
  const own = caller.partner.roles.find((r) => r.role === role && sameParty(r, urlParty));
  if (own) return own;
  throw new InvalidParametersError(
    `${urlParty.country_code}/${urlParty.party_id} in the URL is not one of your ${role} roles`,
    'country_code/party_id (URL)',
  );
}

/**
 * A body field that identifies the object must match the URL (CiString comparison). `required`: a PUT
 * carries the full object, so the field must be present; in a PATCH it may be left out.
 */
export function assertMatchesUrl(
  body: Record<string, unknown>,
  field: string,
  urlValue: string,
  required: boolean,
): void {
  const value = body[field];
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.toUpperCase() !== urlValue.toUpperCase()) {
    throw new InvalidParametersError(`differs from the URL (${urlValue})`, field);
  }
}

/** The body's country_code and party_id (when present, always on PUT of a top-level object). */
export function assertOwnerFields(
  body: Record<string, unknown>,
  urlParty: PartyRef,
  required: boolean,
): void {
  assertMatchesUrl(body, 'country_code', urlParty.country_code, required);
  assertMatchesUrl(body, 'party_id', urlParty.party_id, required);
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
