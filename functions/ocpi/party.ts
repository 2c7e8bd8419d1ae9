/**
 * Parties (OCPI 2.2.1 transport_and_format §4.1.5, ocpi-notes §1.6): a party is named by its
 * country_code and party_id, CiStrings that compare case-insensitively while the spelling the partner
 * sent is kept. This is the one vocabulary for parties: routing headers, stored keys and roles use it.
 */
export type PartyRef = { country_code: string; party_id: string };

/** Normalised key such as `NL*ABC`, or `NL*ABC*CPO` with a role, for maps and storage keys. */
export function partyKey(ref: PartyRef, role?: string): string {
  const base = `${ref.country_code}*${ref.party_id}`;
  return (role ? `${base}*${role}` : base).toUpperCase();
}

/** CiString equality of two parties (roles aside); false when either is missing. */
export function sameParty(a: PartyRef | undefined, b: PartyRef | undefined): boolean {
  if (!a || !b) return false;
  return (
    a.country_code.toUpperCase() === b.country_code.toUpperCase() &&
    a.party_id.toUpperCase() === b.party_id.toUpperCase()
  );
}

/** A `CC*PID` key (partyKey) back to a PartyRef, in its stored (upper-case) spelling. */
export function partyOfKey(key: string): PartyRef {
  const [country_code = '', party_id = ''] = key.split('*');
  return { country_code, party_id };
}

/** Only the two identifying fields of anything that names a party (a role, a ClientInfo, ...). */
export const refOf = (p: PartyRef): PartyRef => ({ country_code: p.country_code, party_id: p.party_id });
