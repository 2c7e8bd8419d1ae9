import type { ClientInfoRecord } from '../../domain/client-info';
import { endpointUrl, OPPOSITE_ROLES, type Partner, roleKey } from '../../domain/partner';
import { sameParty } from '../../ocpi/party';
import type { DeliveryReceiver } from '../../store/delivery.repository';
import type { OutboxMessage } from '../../store/outbox.repository';

const partnerReceiverKey = (partnerId: string) => `PARTNER*${partnerId}`;

/**
 * Modules whose messages the hub took on behalf of one named receiver and owes it however long it is
 * away: sessions, CDRs (billing), and the asynchronous results and ActiveChargingProfile updates of
 * commands and charging profiles. An OFFLINE receiver keeps them waiting in its lane instead of
 * re-syncing by GET (ocpi-notes §1.8 does not help: most eMSPs never pull them).
 */
const STORE_AND_FORWARD: ReadonlySet<string> = new Set(['cdrs', 'sessions', 'commands', 'chargingprofiles']);

export function isStoreAndForward(module: string): boolean {
  return STORE_AND_FORWARD.has(module);
}

/**
 * A POST of store-and-forward data (a CDR, a command or charging-profile result) is a record, not
 * state: no later message replaces it, so once every retry failed it is dead-lettered with an error
 * log to alarm on. PUTs and PATCHes are state: the latest stays owed (issue #12 item 7).
 */
export function deadLettersAfterRetries(module: string, method: string): boolean {
  return isStoreAndForward(module) && method === 'POST';
}

/** Whether the partner has somewhere to take the message: the URL it chose, or the module's endpoint. */
function hasEndpointFor(partner: Partner, msg: Pick<OutboxMessage, 'module' | 'url' | 'targetInterface'>) {
  return (
    msg.url !== undefined || endpointUrl(partner, msg.module, msg.targetInterface ?? 'RECEIVER') !== undefined
  );
}

function reachable(partner: Partner | undefined, msg: OutboxMessage): partner is Partner {
  const owed = isStoreAndForward(msg.module) && partner?.status === 'OFFLINE';
  return (
    (partner?.status === 'CONNECTED' || owed) &&
    Boolean(partner.outbound_token_enc) &&
    hasEndpointFor(partner, msg)
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
  // Owed data waits for its receiver whenever it connected; the rest is pulled by late-comers.
  const owed = isStoreAndForward(msg.module);
  return candidates
    .filter((p) =>
      owed
        ? p.status === 'CONNECTED' || p.status === 'OFFLINE'
        : p.status === 'CONNECTED' && connectedSince(p, msg.createdAt),
    )
    .filter((p) => reachable(partners.get(p.partner_id), msg))
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
    .filter((partner) => reachable(partner, msg))
    .map((partner) => ({ key: partnerReceiverKey(partner.id), partner_id: partner.id }));
}

/**
 * Why a direct message of store-and-forward data has no receiver (for its ledger entry): the hub
 * stored it for that party, so it is never dropped without saying so.
 */
export function whyNoReceiver(
  msg: OutboxMessage,
  parties: readonly ClientInfoRecord[],
  partners: ReadonlyMap<string, Partner>,
): { receiverKey: string; partnerId: string; reason: string } {
  const target = msg.target ?? msg.owner;
  const receiverKey = roleKey(target);
  const party = parties.find((p) => roleKey(p) === receiverKey);
  if (!party) return { receiverKey, partnerId: '', reason: `no party ${receiverKey} in this network` };
  const partner = partners.get(party.partner_id);
  const fail = (reason: string) => ({ receiverKey, partnerId: party.partner_id, reason });
  if (party.status !== 'CONNECTED' && party.status !== 'OFFLINE')
    return fail(`receiver party is ${party.status}`);
  if (!partner) return fail('receiver platform is gone');
  if (partner.status !== 'CONNECTED' && partner.status !== 'OFFLINE')
    return fail(`receiver platform is ${partner.status}`);
  if (!partner.outbound_token_enc) return fail('the hub holds no token for the receiver platform');
  return fail(
    `receiver does not implement the ${msg.targetInterface ?? 'RECEIVER'} interface of ${msg.module}`,
  );
}
