import { NotFoundError } from '../../ocpi/errors';
import type { PartyRef } from '../../ocpi/party';

import type { Tariff } from '../../ocpi/schemas/tariff';
import { tariffKey } from '../../store/tariff.repository';
import type { TenantContext } from '../hub-runtime';
import { assertMatchesUrl, assertOwnerFields } from '../routing/push-rules';
import { flatObjectChange } from './flat-object-change';
import { deleteStoredObject, type PushOutcome, writeStoredObject } from './object-write';

/** A CPO's PUT of a Tariff addressed to the hub (tariffs §11.2.2: PUT and DELETE, no PATCH in 2.2.1). */
export async function putTariff(
  ctx: TenantContext,
  push: { owner: PartyRef; tariffId: string; body: Tariff; bodyText: string; correlationId: string },
): Promise<PushOutcome> {
  assertTariffIdentity(push.owner, push.tariffId, push.body);
  return writeStoredObject(ctx, ctx.store.tariffs, {
    key: tariffKey(push.owner, push.tariffId),
    lookupId: push.tariffId,
    owner: push.owner,
    change: flatObjectChange<Tariff>('PUT', push.body, () => new NotFoundError('unknown tariff')),
    broadcast: {
      module: 'tariffs',
      method: 'PUT',
      pathSegments: [push.owner.country_code, push.owner.party_id, push.tariffId],
      bodyText: push.bodyText,
      owner: { ...push.owner, role: 'CPO' },
      correlationId: push.correlationId,
    },
  });
}

/** A Tariff PUT names its URL's tariff and owner (ocpi-notes §1.7). */
export function assertTariffIdentity(owner: PartyRef, tariffId: string, body: Record<string, unknown>): void {
  assertMatchesUrl(body, 'id', tariffId, true);
  assertOwnerFields(body, owner, true);
}

/** Deletes a stored Tariff and broadcasts the DELETE; false when the hub held no such tariff. */
export async function deleteTariff(
  ctx: TenantContext,
  req: { owner: PartyRef; tariffId: string; correlationId: string },
): Promise<boolean> {
  return deleteStoredObject(ctx, ctx.store.tariffs, {
    key: tariffKey(req.owner, req.tariffId),
    broadcast: {
      module: 'tariffs',
      method: 'DELETE',
      pathSegments: [req.owner.country_code, req.owner.party_id, req.tariffId],
      owner: { ...req.owner, role: 'CPO' },
      correlationId: req.correlationId,
    },
  });
}

export async function getStoredTariff(ctx: TenantContext, owner: PartyRef, tariffId: string) {
  return (await ctx.store.tariffs.get(tariffKey(owner, tariffId)))?.object;
}
