import { type PartyRef, partyKey } from '../ocpi/party';

/** A platform connected through one credentials handshake (docs/architecture.md "Words"). */
export type PartnerStatus = 'PLANNED' | 'CONNECTED' | 'OFFLINE' | 'SUSPENDED';
export type PartyRoleName = 'CPO' | 'EMSP' | 'NAP' | 'NSP' | 'OTHER' | 'SCSP';
/**
 * Who receives a party's data by broadcast and reads it from the hub (ocpi-notes §3.2 "opposite
 * roles"): CPO data goes to eMSPs, NSPs and OTHERs (OTHER counts as eMSP-like); eMSP and OTHER data
 * to CPOs.
 */
export const OPPOSITE_ROLES: Readonly<Partial<Record<PartyRoleName, readonly PartyRoleName[]>>> = {
  CPO: ['EMSP', 'NSP', 'OTHER'],
  EMSP: ['CPO'],
  OTHER: ['CPO'],
};

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

/** Key of a party in one role, e.g. `NL*ABC*CPO` (CiStrings compare case-insensitively, ocpi-notes §1.6). */
export const roleKey = (p: PartyRef & { role: string }): string => partyKey(p, p.role);

/**
 * The URL of a partner's endpoint for a module and interface (version details, ocpi-notes §2.1);
 * without `role`, the first endpoint of the module whatever its role (partners disagree on the role of
 * their credentials endpoint).
 */
export function endpointUrl(
  partner: Pick<Partner, 'endpoints'>,
  module: string,
  role?: PartnerEndpoint['role'],
): string | undefined {
  return partner.endpoints.find((e) => e.identifier === module && (!role || e.role === role))?.url;
}
