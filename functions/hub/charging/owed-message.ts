import { randomUUID } from 'node:crypto';
import { endpointUrl, type PartyRoleName } from '../../domain/partner';
import { ReceiverNotConnectedError, UnknownReceiverError } from '../../ocpi/errors';
import { type PartyRef, refOf } from '../../ocpi/party';
import type { OutboxMessage } from '../../store/outbox.repository';
import { nowIso, type TenantContext } from '../hub-runtime';
import { resolveKnownTargets } from '../routing/party-resolution';

type Role = PartyRoleName;
export type RoledParty = PartyRef & { role: Role };

/**
 * A message the hub owes one party (a session, CDR, command or charging-profile result, an
 * ActiveChargingProfile): written in the same transaction as what the hub stored or decided, then
 * delivered by the delivery worker with retries, ledger and replay (docs/architecture.md
 * "Store and forward"). FROM = its owner, TO = the target (ocpi-notes §3.3: forwarded traffic keeps
 * the real parties).
 */
export function owedMessage(
  ctx: TenantContext,
  m: {
    module: 'sessions' | 'cdrs' | 'commands' | 'chargingprofiles';
    method: 'PUT' | 'PATCH' | 'POST';
    objectKey: string;
    sequence: string;
    owner: RoledParty;
    target: RoledParty;
    bodyText: string;
    correlationId: string;
    /** Below the target's endpoint; or `url`, an address the target chose (its response_url). */
    pathSegments?: string[];
    url?: string;
    targetInterface?: 'SENDER';
    note?: string;
    id?: string;
  },
): OutboxMessage {
  return {
    id: m.id ?? randomUUID(),
    kind: 'direct',
    module: m.module,
    method: m.method,
    pathSegments: m.pathSegments ?? [],
    ...(m.url !== undefined ? { url: m.url } : {}),
    ...(m.targetInterface ? { targetInterface: m.targetInterface } : {}),
    bodyText: m.bodyText,
    owner: { ...refOf(m.owner), role: m.owner.role },
    target: { ...refOf(m.target), role: m.target.role },
    objectKey: m.objectKey,
    sequence: m.sequence,
    correlationId: m.correlationId,
    createdAt: nowIso(ctx.runtime),
    ...(m.note ? { note: m.note } : {}),
  };
}

/**
 * The party owed data is kept for: 4001 when the network has no such party (nothing is stored), but
 * one that is not connected now is no error (the hub keeps the data until it is back). With
 * `implementing`, only a party whose platform has that endpoint qualifies (2003 otherwise): data the
 * receiver could never take is refused now rather than stored and dead-lettered.
 */
export async function owedReceiver(
  ctx: TenantContext,
  to: PartyRef,
  roles: readonly Role[],
  implementing?: { module: string; targetInterface: 'SENDER' | 'RECEIVER' },
): Promise<RoledParty> {
  const candidates = await resolveKnownTargets(ctx, to, roles);
  const party = implementing
    ? candidates.find((c) => endpointUrl(c.partner, implementing.module, implementing.targetInterface))?.party
    : candidates[0]?.party;
  if (!party && implementing && candidates.length > 0) {
    throw new UnknownReceiverError(
      `receiver ${to.country_code}/${to.party_id} does not implement the ${implementing.targetInterface} interface of ${implementing.module}`,
    );
  }
  if (!party) throw new ReceiverNotConnectedError(`receiver ${to.country_code}/${to.party_id} is unknown`);
  return { ...refOf(party), role: party.role };
}
