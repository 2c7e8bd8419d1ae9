import { parseOcpiDateTime } from '../../ocpi/datetime';
import { UnknownLocationError } from '../../ocpi/errors';
import type { Location } from '../../ocpi/schemas/location';
import type { WriteDecision } from './object-write';

type Obj = Record<string, unknown>;

/** `{location_id}[/{evse_uid}[/{connector_id}]]` below the owner's country_code/party_id. */
export interface LocationPath {
  locationId: string;
  evseUid?: string;
  connectorId?: string;
}

export interface LocationChange {
  method: 'PUT' | 'PATCH';
  path: LocationPath;
  /** The validated body: a Location, EVSE or Connector (PUT) or a subset of one (PATCH). */
  body: Obj;
}

const sameCi = (a: unknown, b: string) => typeof a === 'string' && a.toUpperCase() === b.toUpperCase();
export const lastUpdatedMs = (o: { last_updated?: unknown } | undefined): number =>
  (typeof o?.last_updated === 'string' ? parseOcpiDateTime(o.last_updated) : undefined) ?? 0;

/**
 * Applies a push to the stored Location document (EVSEs and Connectors nested in it). An older
 * last_updated than the stored target is stale and changes nothing. A change of an EVSE or Connector
 * sets its parents' last_updated to the child's (locations §8.2.2, ocpi-notes §4.1 cascade) so date-filtered
 * GETs find it, but never moves a parent backwards: a parent already newer keeps its value.
 */
export function applyLocationChange(
  current: Location | undefined,
  change: LocationChange,
): WriteDecision<Location> {
  const { method, path, body } = change;
  const incomingMs = lastUpdatedMs(body);
  if (path.evseUid === undefined) {
    if (method === 'PUT') {
      if (current && incomingMs < lastUpdatedMs(current)) return { stale: true };
      return { stale: false, object: body as Location, lastUpdatedMs: incomingMs };
    }
    if (!current) throw new UnknownLocationError(`unknown location ${path.locationId}`);
    if (incomingMs < lastUpdatedMs(current)) return { stale: true };
    return { stale: false, object: { ...current, ...body } as Location, lastUpdatedMs: incomingMs };
  }

  if (!current) throw new UnknownLocationError(`unknown location ${path.locationId}`);
  const location = structuredClone(current) as Obj;
  const evses = listOf(location, 'evses');
  const evseIndex = evses.findIndex((e) => sameCi(e.uid, path.evseUid as string));

  if (path.connectorId === undefined) {
    const existing = evses[evseIndex];
    if (method === 'PATCH' && !existing) throw new UnknownLocationError(`unknown EVSE ${path.evseUid}`);
    if (existing && incomingMs < lastUpdatedMs(existing)) return { stale: true };
    const next = method === 'PUT' ? body : { ...existing, ...body };
    if (evseIndex >= 0) evses[evseIndex] = next;
    else evses.push(next);
    return cascaded(location, body);
  }

  const evse = evses[evseIndex];
  if (!evse) throw new UnknownLocationError(`unknown EVSE ${path.evseUid}`);
  const connectors = listOf(evse, 'connectors');
  const index = connectors.findIndex((k) => sameCi(k.id, path.connectorId as string));
  const existing = connectors[index];
  if (method === 'PATCH' && !existing)
    throw new UnknownLocationError(`unknown connector ${path.connectorId}`);
  if (existing && incomingMs < lastUpdatedMs(existing)) return { stale: true };
  const next = method === 'PUT' ? body : { ...existing, ...body };
  if (index >= 0) connectors[index] = next;
  else connectors.push(next);
  bumpLastUpdated(evse, body);
  return cascaded(location, body);
}

function cascaded(location: Obj, child: Obj): WriteDecision<Location> {
  bumpLastUpdated(location, child);
  return { stale: false, object: location as Location, lastUpdatedMs: lastUpdatedMs(location) };
}

/** The parent takes the child's last_updated string as sent (the hub never rewrites it, ocpi-notes §1.7). */
function bumpLastUpdated(parent: Obj, child: Obj): void {
  if (lastUpdatedMs(child) > lastUpdatedMs(parent)) parent.last_updated = child.last_updated;
}

function listOf(parent: Obj, field: 'evses' | 'connectors'): Obj[] {
  if (!Array.isArray(parent[field])) parent[field] = [];
  return parent[field] as Obj[];
}

/** The Location, EVSE or Connector a path names inside a stored document, if present. */
export function locateInDocument(location: Location, path: LocationPath): Obj | undefined {
  if (path.evseUid === undefined) return location as Obj;
  const evse = ((location.evses ?? []) as Obj[]).find((e) => sameCi(e.uid, path.evseUid as string));
  if (!evse || path.connectorId === undefined) return evse;
  return ((evse.connectors ?? []) as Obj[]).find((k) => sameCi(k.id, path.connectorId as string));
}
