/** A platform connected through one credentials handshake (docs/architecture.md "Words"). */
export type PartnerStatus = 'PLANNED' | 'CONNECTED' | 'OFFLINE' | 'SUSPENDED';
export type PartyRoleName = 'CPO' | 'EMSP' | 'NAP' | 'NSP' | 'OTHER' | 'SCSP';
export const PARTY_ROLES: readonly PartyRoleName[] = ['CPO', 'EMSP', 'NAP', 'NSP', 'OTHER', 'SCSP'];

export interface BusinessDetails {
  name: string;
  website?: string;
  logo?: unknown;
}

export interface PartnerRole {
  role: PartyRoleName;
  country_code: string;
  party_id: string;
  business_details?: BusinessDetails;
}

export interface PartnerEndpoint {
  identifier: string;
  role: 'SENDER' | 'RECEIVER';
  url: string;
}

export type TokenEncoding = 'base64' | 'raw';

export interface Partner {
  id: string;
  name: string;
  status: PartnerStatus;
  roles: PartnerRole[];
  created_at: string;
  updated_at: string;
  /** Optimistic-lock revision, incremented on every write. */
  rev: number;
  versions_url?: string;
  version?: string;
  endpoints: PartnerEndpoint[];
  /** The token the hub presents to this partner, encrypted at rest. */
  outbound_token_enc?: string;
  /** How the hub sends its token to this partner (2.2.1 says base64; some partners want raw). */
  outbound_token_encoding: TokenEncoding;
  outbound_token_set_at?: string;
  inbound_token_set_at?: string;
  /** Keyed hash of the partner's current inbound token (never the token). */
  inbound_token_hash?: string;
  /** Keyed hash of the previous inbound token while it is in its grace window. */
  previous_inbound_token_hash?: string;
  /** Keyed hash of the outstanding registration token A, if any. */
  token_a_hash?: string;
  token_a_issued_at?: string;
  token_a_expires_at?: string;
  registered_at?: string;
  last_contact_at?: string;
  last_error?: string;
}

/** Case-insensitive identity of a party: CiStrings compare case-insensitively (OCPI types §1.1.2). */
export function partyKeyOf(p: { country_code: string; party_id: string; role: string }): string {
  return `${p.country_code.toUpperCase()}*${p.party_id.toUpperCase()}*${p.role.toUpperCase()}`;
}

export function sameParty(
  a: { country_code: string; party_id: string },
  b: { country_code: string; party_id: string },
): boolean {
  return (
    a.country_code.toUpperCase() === b.country_code.toUpperCase() &&
    a.party_id.toUpperCase() === b.party_id.toUpperCase()
  );
}
