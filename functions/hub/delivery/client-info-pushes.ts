import { createHash, randomUUID } from 'node:crypto';
import { type ClientInfoRecord, toClientInfo } from '../../domain/client-info';
import { roleKey } from '../../domain/partner';
import { type OutboxMessage, outboxSequence } from '../../store/outbox.repository';
import { clientInfoOfItem, isPartyItemKey } from '../../store/partner.repository';
import type { TableChange } from '../../store/stream-changes';
import type { TenantContext } from '../hub-runtime';

/** The ClientInfo of a PARTY# item whose status changed (or that was just created), else undefined. */
export function changedClientInfo(change: TableChange): ClientInfoRecord | undefined {
  if (!isPartyItemKey(change.keys) || !change.newImage) return undefined;
  const next = clientInfoOfItem(change.newImage);
  const previous = change.oldImage && clientInfoOfItem(change.oldImage);
  if (previous && previous.status === next.status) return undefined;
  return next;
}

/** Same input, same id: a stream record handled twice writes the same outbox item once. */
function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function clientInfoMessage(
  record: ClientInfoRecord,
  fields: Pick<OutboxMessage, 'id' | 'kind' | 'sequence' | 'createdAt'> &
    Pick<Partial<OutboxMessage>, 'target'>,
): OutboxMessage {
  return {
    ...fields,
    module: 'hubclientinfo',
    method: 'PUT',
    // Receiver interface: PUT {url}/{country_code}/{party_id} (hubclientinfo §3.2.1).
    pathSegments: [record.country_code, record.party_id],
    bodyText: JSON.stringify(toClientInfo(record)),
    owner: { country_code: record.country_code, party_id: record.party_id, role: record.role },
    objectKey: `hubclientinfo:${roleKey(record)}`,
    correlationId: randomUUID(),
  };
}

/**
 * A party's status changed (ocpi-notes §3.5): every connected platform implementing the hubclientinfo
 * Receiver gets the new ClientInfo, and a platform that just became CONNECTED gets the ClientInfo of
 * every other party. Written as outbox messages so the delivery machinery orders and retries them.
 */
export async function queueClientInfoPushes(ctx: TenantContext, changed: ClientInfoRecord): Promise<void> {
  const outbox = ctx.store.outbox;
  const createdAt = new Date(ctx.runtime.now()).toISOString();
  const key = roleKey(changed);
  await outbox.putIfAbsent(
    clientInfoMessage(changed, {
      id: stableId('status', key, changed.status, changed.last_updated),
      kind: 'broadcast',
      sequence: outboxSequence(Date.parse(changed.last_updated)),
      createdAt,
    }),
  );
  if (changed.status !== 'CONNECTED') return;
  const parties = await ctx.store.partners.listParties();
  // A platform with several roles turns CONNECTED in one write; its first role alone sends the list.
  const lead = parties
    .filter((p) => p.partner_id === changed.partner_id && p.status === 'CONNECTED')
    .map(roleKey)
    .sort()[0];
  if (lead !== key) return;
  for (const other of parties.filter((p) => p.partner_id !== changed.partner_id)) {
    await outbox.putIfAbsent(
      clientInfoMessage(other, {
        id: stableId('list', changed.partner_id, changed.last_updated, roleKey(other)),
        kind: 'direct',
        target: { country_code: changed.country_code, party_id: changed.party_id, role: changed.role },
        // Deterministic (a record handled twice queues one message) and after the party's earlier updates.
        sequence: outboxSequence(Date.parse(changed.last_updated), 'list'),
        createdAt,
      }),
    );
  }
}
