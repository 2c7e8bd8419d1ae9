import type { StoredObject } from '../../store/stored-object.repository';
import { lastUpdatedMs } from './location-document';
import type { ObjectChange, WriteDecision } from './object-write';

/**
 * PUT replaces the object, PATCH merges the given top-level fields into it (transport_and_format §3.2,
 * ocpi-notes §1.7); a last_updated older than the stored one is stale and changes nothing.
 */
function applyFlatChange<T extends object>(
  current: StoredObject<T> | undefined,
  method: 'PUT' | 'PATCH',
  body: Record<string, unknown>,
  unknown: () => Error,
): WriteDecision<T> {
  const incomingMs = lastUpdatedMs(body);
  if (method === 'PATCH' && !current) throw unknown();
  if (current && incomingMs < current.lastUpdatedMs) return { stale: true };
  const object = method === 'PUT' ? body : { ...current?.object, ...body };
  return { stale: false, object: object as T, lastUpdatedMs: incomingMs };
}

/** A PUT replaces the stored object without reading it; a PATCH merges into it (read first). */
export function flatObjectChange<T extends object>(
  method: 'PUT' | 'PATCH',
  body: Record<string, unknown>,
  unknown: () => Error,
): ObjectChange<T> {
  if (method === 'PUT') return { replace: { object: body as T, lastUpdatedMs: lastUpdatedMs(body) } };
  return { merge: (current) => applyFlatChange<T>(current, method, body, unknown) };
}
