import type { Context } from 'hono';
import { ocpiReply } from './envelope';
import { type PlatformState, receiverKey } from './platform-state';
import type { SimEnv } from './sim-env';

type Obj = Record<string, unknown>;

export const sameCi = (a: unknown, b: string | undefined): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.toUpperCase() === b.toUpperCase();

const children = (parent: Obj, field: 'evses' | 'connectors'): Obj[] => {
  if (!Array.isArray(parent[field])) parent[field] = [];
  return parent[field] as Obj[];
};

const unknownObject = (c: Context<SimEnv>, what: string) =>
  ocpiReply(c, undefined, { http: 404, code: 2003, message: `unknown ${what}` });

const mismatch = (c: Context<SimEnv>, field: string) =>
  ocpiReply(c, undefined, { code: 2001, message: `${field} in the body differs from the URL` });

/**
 * Locations Receiver (ocpi-notes §4.1): PUT/PATCH/GET on Location, EVSE or Connector. On a change of an
 * EVSE or Connector the receiver sets the parents' `last_updated` to the child's.
 */
export function handleLocationsReceiver(
  c: Context<SimEnv>,
  state: PlatformState,
  segments: string[],
): Response {
  const [cc, pid, locationId, evseUid, connectorId] = segments;
  if (segments.length < 3 || segments.length > 5) return unknownObject(c, 'location path');
  const method = c.req.method;
  const key = receiverKey('locations', cc!, pid!, locationId!);
  const location = state.receiverStore.get(key);
  const body = (c.get('body') ?? {}) as Obj;

  if (method === 'PUT' && segments.length === 3) {
    if (!sameCi(body.id, locationId)) return mismatch(c, 'id');
    if (!sameCi(body.country_code, cc) || !sameCi(body.party_id, pid))
      return mismatch(c, 'country_code/party_id');
    state.receiverStore.set(key, structuredClone(body));
    return ocpiReply(c, undefined, { http: location ? 200 : 201 });
  }
  if (method === 'PATCH' && body.last_updated === undefined) {
    return ocpiReply(c, undefined, { code: 2001, message: 'last_updated is required in a PATCH' });
  }
  if (!location) return unknownObject(c, 'location');
  const evse = evseUid ? children(location, 'evses').find((e) => sameCi(e.uid, evseUid)) : undefined;
  const connector =
    evse && connectorId ? children(evse, 'connectors').find((k) => sameCi(k.id, connectorId)) : undefined;
  const target = segments.length === 3 ? location : segments.length === 4 ? evse : connector;

  if (method === 'GET') return target ? ocpiReply(c, target) : unknownObject(c, 'object');
  if (method === 'PATCH') {
    if (!target) return unknownObject(c, 'object');
    Object.assign(target, structuredClone(body));
  } else if (method === 'PUT') {
    const parent = segments.length === 4 ? location : evse;
    if (!parent) return unknownObject(c, 'evse');
    const [field, idField, urlId] =
      segments.length === 4
        ? (['evses', 'uid', evseUid] as const)
        : (['connectors', 'id', connectorId] as const);
    if (!sameCi(body[idField], urlId)) return mismatch(c, idField);
    const list = children(parent, field);
    const index = list.findIndex((o) => sameCi(o[idField], urlId));
    if (index >= 0) list[index] = structuredClone(body);
    else list.push(structuredClone(body));
  } else {
    return ocpiReply(c, undefined, {
      http: 405,
      code: 2000,
      message: `${method} is not allowed on locations`,
    });
  }
  if (segments.length >= 4 && body.last_updated !== undefined) {
    location.last_updated = body.last_updated;
    if (evse && segments.length === 5) evse.last_updated = body.last_updated;
  }
  return ocpiReply(c, undefined, { http: method === 'PUT' && !target ? 201 : 200 });
}
