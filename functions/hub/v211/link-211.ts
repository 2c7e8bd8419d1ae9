import type { Partner, PartnerRole } from '../../domain/partner';
import { ClientError } from '../../ocpi/errors';
import { VersionNumbers } from '../../ocpi/modules';
import type { Role211 } from '../../ocpi/v211/translate';

/**
 * A 2.1.1 link (ocpi-notes §6): one party per handshake, no roles in the credentials, no routing
 * headers. The hub treats it as the single party the partner was onboarded with, and that party's role
 * tells which interface of each module it implements.
 */

/** Whether the hub talks OCPI 2.1.1 with this partner (its negotiated version). */
export function speaks211(partner: Pick<Partner, 'version'>): boolean {
  return partner.version === VersionNumbers.V2_1_1;
}

/** The 2.1.1 role of a partner onboarded with exactly one CPO or eMSP party; undefined otherwise. */
export function role211Of(partner: Pick<Partner, 'roles'>): Role211 | undefined {
  const [only, ...others] = partner.roles;
  if (!only || others.length > 0) return undefined;
  return only.role === 'CPO' || only.role === 'EMSP' ? only.role : undefined;
}

/** The one party of a 2.1.1 link; a partner that cannot speak 2.1.1 is told why (2000). */
export function party211Of(partner: Pick<Partner, 'roles'>): PartnerRole & { role: Role211 } {
  const role = role211Of(partner);
  const [only] = partner.roles;
  if (!role || !only) {
    throw new ClientError(
      'OCPI 2.1.1 serves a partner of exactly one CPO or eMSP party (2.1.1 credentials hold one party); use 2.2.1',
    );
  }
  return { ...only, role };
}
