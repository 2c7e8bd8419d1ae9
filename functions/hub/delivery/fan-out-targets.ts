import type { ClientInfoRecord } from '../../domain/client-info';
import { endpointUrl, OPPOSITE_ROLES, type Partner, type PartyRoleName, roleKey } from '../../domain/partner';
import { sameParty } from '../../ocpi/party';
import type { DeliveryReceiver } from '../../store/delivery.repository';
import type { OutboxMessage } from '../../store/outbox.repository';

export const partnerReceiverKey = (partnerId: string) => `PARTNER*${partnerId}`;

/**
 * Data the hub took on behalf of its receiver and owes it however long it is away (billing: CDRs):
 * an OFFLINE receiver keeps it waiting in its lane instead of re-syncing by GET, and it is only given
 * up (dead-lettered, with an error log to alarm on) after every retry failed.
 */
export function isStoreAndForward(module: string): boolean {
  return module === 'cdrs';
}

export function implementsReceiver(partner: Partner, module: string): boolean {
  return endpointUrl(partner, module, 'RECEIVER') !== undefined;
}

function reachable(partner: Partner | undefined, module: string): partner is Partner {
  const owed = isStoreAndForward(module) && partner?.status === 'OFFLINE';
  return (
    (partner?.status === 'CONNECTED' || owed) &&
    Boolean(partner.outbound_token_enc) &&
    implementsReceiver(partner, module)
  );
}

/**
 * The receivers of a message, fixed at fan-out: only parties CONNECTED now, never OFFLINE or SUSPENDED
 * ones (they re-sync by GET, ocpi-notes §1.8) and never the owner's own platform. hubclientinfo has no
 * routing headers, so its receiver is a platform (one PUT per partner, not per role).
 */
export function receiversOf(
  msg: OutboxMessage,
  parties: readonly ClientInfoRecord[],
  partners: ReadonlyMap<string, Partner>,
): DeliveryReceiver[] {
  const ownerPartnerIds = new Set(parties.filter((p) => sameParty(p, msg.owner)).map((p) => p.partner_id));
  if (msg.module === 'hubclientinfo') return platformReceivers(msg, parties, partners, ownerPartnerIds);
  const candidates =
    msg.kind === 'direct'
      ? parties.filter((p) => msg.target && roleKey(p) === roleKey(msg.target))
      : parties.filter(
          (p) =>
            (OPPOSITE_ROLES[msg.owner.role] ?? []).includes(p.role) && !ownerPartnerIds.has(p.partner_id),
        );
  const owed = isStoreAndForward(msg.module);
  return candidates
    .filter(
      (p) =>
        (p.status === 'CONNECTED' && connectedSince(p, msg.createdAt)) || (owed && p.status === 'OFFLINE'),
    )
    .filter((p) => reachable(partners.get(p.partner_id), msg.module))
    .map((p) => ({
      key: roleKey(p),
      partner_id: p.partner_id,
      party: { country_code: p.country_code, party_id: p.party_id, role: p.role },
      since: p.last_updated,
    }));
}

/**
 * The status last changed at or before the message was accepted: a party that was OFFLINE (or not yet
 * registered) then and has connected since pulls what it missed instead (ocpi-notes §1.8), even when the
 * fan-out itself runs later.
 */
function connectedSince(party: ClientInfoRecord, createdAt: string): boolean {
  const changed = Date.parse(party.last_updated);
  const created = Date.parse(createdAt);
  return Number.isNaN(changed) || Number.isNaN(created) || changed <= created;
}

function platformReceivers(
  msg: OutboxMessage,
  parties: readonly ClientInfoRecord[],
  partners: ReadonlyMap<string, Partner>,
  ownerPartnerIds: Set<string>,
): DeliveryReceiver[] {
  const targetPartnerIds =
    msg.kind === 'direct'
      ? new Set(
          parties.filter((p) => msg.target && roleKey(p) === roleKey(msg.target)).map((p) => p.partner_id),
        )
      : undefined;
  return [...partners.values()]
    .filter((partner) =>
      targetPartnerIds ? targetPartnerIds.has(partner.id) : !ownerPartnerIds.has(partner.id),
    )
    .filter((partner) => reachable(partner, msg.module))
    .map((partner) => ({ key: partnerReceiverKey(partner.id), partner_id: partner.id }));
}
