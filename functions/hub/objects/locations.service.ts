import type { PartyRef } from '../../ocpi/party';

import type { Location } from '../../ocpi/schemas/location';
import { locationKey } from '../../store/location.repository';
import type { StoredObject } from '../../store/stored-object.repository';
import type { TenantContext } from '../hub-runtime';
import { assertMatchesUrl, assertOwnerFields } from '../routing/push-rules';
import {
  applyLocationChange,
  type LocationChange,
  type LocationPath,
  lastUpdatedMs,
  locateInDocument,
} from './location-document';
import { type PushOutcome, writeStoredObject } from './object-write';

export interface LocationPush {
  owner: PartyRef;
  change: LocationChange;
  /** The body exactly as received, broadcast unchanged (ocpi-notes §3.6). */
  bodyText: string;
  correlationId: string;
}

/**
 * A CPO's PUT or PATCH of a Location, EVSE or Connector addressed to the hub (or broadcast): stored in
 * the Location document and queued for every eMSP-side party (ocpi-notes §3.2, §3.4).
 */
export async function pushLocation(ctx: TenantContext, push: LocationPush): Promise<PushOutcome> {
  assertLocationIdentity(push.owner, push.change);
  const { path } = push.change;
  return writeStoredObject(ctx, ctx.store.locations, {
    key: locationKey(push.owner, path.locationId),
    lookupId: path.locationId,
    owner: push.owner,
    change:
      path.evseUid === undefined && push.change.method === 'PUT'
        ? {
            replace: { object: push.change.body as Location, lastUpdatedMs: lastUpdatedMs(push.change.body) },
          }
        : { merge: (current) => applyLocationChange(current?.object, push.change) },
    broadcast: {
      module: 'locations',
      method: push.change.method,
      pathSegments: [push.owner.country_code, push.owner.party_id, ...segmentsOf(path)],
      bodyText: push.bodyText,
      owner: { ...push.owner, role: 'CPO' },
      correlationId: push.correlationId,
    },
  });
}

/** The stored Location, EVSE or Connector of one CPO, or undefined. */
export async function getStoredLocationPart(
  ctx: TenantContext,
  owner: PartyRef,
  path: LocationPath,
): Promise<Record<string, unknown> | undefined> {
  const stored = await ctx.store.locations.get(locationKey(owner, path.locationId));
  return stored ? locateInDocument(stored.object, path) : undefined;
}

/** Every stored Location with this id, whoever owns it (ids are unique per CPO only). */
export async function findStoredLocations(
  ctx: TenantContext,
  locationId: string,
): Promise<StoredObject<Location>[]> {
  return ctx.store.locations.findById(locationId);
}

export function segmentsOf(path: LocationPath): string[] {
  return [path.locationId, path.evseUid, path.connectorId].filter((s): s is string => s !== undefined);
}

/**
 * The body names the object its URL names (ocpi-notes §1.7): a Location its id and owner, an EVSE its
 * uid, a Connector its id; required in a PUT, checked when present in a PATCH. EVSEs and Connectors
 * have no owner fields, but one sent anyway must still be the URL's: nothing may move a location to
 * another party.
 */
export function assertLocationIdentity(owner: PartyRef, change: LocationChange): void {
  const { body, path, method } = change;
  const required = method === 'PUT';
  if (path.evseUid === undefined) {
    assertMatchesUrl(body, 'id', path.locationId, required);
    assertOwnerFields(body, owner, required);
    return;
  }
  if (path.connectorId === undefined) assertMatchesUrl(body, 'uid', path.evseUid, required);
  else assertMatchesUrl(body, 'id', path.connectorId, required);
  assertOwnerFields(body, owner, false);
}
