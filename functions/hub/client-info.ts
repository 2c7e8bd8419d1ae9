import type { PartnerStatus, PartyRoleName } from './partner';

/**
 * One party of the tenant as HubClientInfo shows it (OCPI 2.2.1 HubClientInfo §ClientInfo), plus the
 * partner that holds it. ClientInfo objects are never deleted; they end as SUSPENDED.
 */
export interface ClientInfoRecord {
  partner_id: string;
  country_code: string;
  party_id: string;
  role: PartyRoleName;
  status: PartnerStatus;
  last_updated: string;
}

export function toClientInfo(r: ClientInfoRecord) {
  return {
    party_id: r.party_id,
    country_code: r.country_code,
    role: r.role,
    status: r.status,
    last_updated: r.last_updated,
  };
}
