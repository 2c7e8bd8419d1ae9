import { type DateRange, inDateRange } from '../ocpi/pagination';
import { type PartnerStatus, type PartyRoleName, roleKey } from './partner';

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

/**
 * Every party of the tenant as ClientInfo, oldest change first, within the date filters (HubClientInfo
 * Sender interface, ocpi-notes §3.5). A tenant has at most a few hundred parties: one read, then a slice.
 */
export async function listClientInfo(
  partners: { listParties(): Promise<ClientInfoRecord[]> },
  range: DateRange,
): Promise<ReturnType<typeof toClientInfo>[]> {
  const parties = await partners.listParties();
  return parties
    .filter((p) => inDateRange(Date.parse(p.last_updated), range))
    .sort((a, b) => a.last_updated.localeCompare(b.last_updated) || roleKey(a).localeCompare(roleKey(b)))
    .map(toClientInfo);
}
