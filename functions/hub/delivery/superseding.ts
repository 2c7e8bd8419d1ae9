import type { DeliveryRecord } from '../../store/delivery.repository';

/**
 * An undelivered update is obsolete once a later PUT (or DELETE) of the same object, or of an object
 * containing it, waits in the same lane: the later request replaces the whole object (OCPI 2.2.1
 * transport_and_format §3.1: PUT replaces, PATCH merges). A PATCH never supersedes anything.
 */
type Shape = Pick<DeliveryRecord, 'method' | 'path' | 'query'>;

export function isSupersededBy(earlier: Shape, later: Shape): boolean {
  if (later.method !== 'PUT' && later.method !== 'DELETE') return false;
  if ((later.query ?? '') !== (earlier.query ?? '')) return false;
  return earlier.path === later.path || earlier.path.startsWith(`${later.path}/`);
}

export function supersededWithin(first: DeliveryRecord, laterInLane: readonly DeliveryRecord[]): boolean {
  return laterInLane.some((later) => later.sequence > first.sequence && isSupersededBy(first, later));
}
