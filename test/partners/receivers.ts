import type { Context, Hono } from 'hono';
import { ocpiReply } from './envelope';
import { type PlatformState, receiverKey } from './platform-state';
import { handleLocationsReceiver, sameCi } from './receiver-locations';
import type { SimEnv } from './sim-env';
import type { ModuleId } from './types';
import { implements_, moduleUrl } from './versions';

type Obj = Record<string, unknown>;
type Handler = (c: Context<SimEnv>, state: PlatformState, segments: string[]) => Response;

const RECEIVER_PREFIX = '/ocpi/2.2.1/receiver';

const notAllowed = (c: Context<SimEnv>) =>
  ocpiReply(c, undefined, { http: 405, code: 2000, message: `${c.req.method} is not allowed here` });
const unknown = (c: Context<SimEnv>) =>
  ocpiReply(c, undefined, { http: 404, code: 2000, message: 'unknown object' });
const invalid = (c: Context<SimEnv>, message: string) => ocpiReply(c, undefined, { code: 2001, message });

/**
 * A client-owned object at `{cc}/{pid}/{id}` (ocpi-notes §1.7): PUT replaces (201 when new), PATCH merges and
 * needs `last_updated`, GET reads. `keyExtra` distinguishes tokens of the same uid but another type.
 */
function clientOwned(
  module: ModuleId,
  allowed: string[],
  options: {
    keyExtra?: (c: Context<SimEnv>, body: Obj) => string;
    onPatch?: (stored: Obj, patch: Obj) => void;
  } = {},
): Handler {
  return (c, state, segments) => {
    const method = c.req.method;
    if (!allowed.includes(method)) return notAllowed(c);
    if (segments.length !== 3) return unknown(c);
    const [cc, pid, id] = segments as [string, string, string];
    const body = (c.get('body') ?? {}) as Obj;
    const extra = options.keyExtra?.(c, body);
    const key = extra ? receiverKey(module, cc, pid, id, extra) : receiverKey(module, cc, pid, id);
    const stored = state.receiverStore.get(key);
    const idField = module === 'tokens' ? 'uid' : 'id';
    switch (method) {
      case 'GET':
        return stored ? ocpiReply(c, stored) : unknown(c);
      case 'DELETE':
        if (!stored) return unknown(c);
        state.receiverStore.delete(key);
        return ocpiReply(c, undefined);
      case 'PUT':
        if (!sameCi(body[idField], id)) return invalid(c, `${idField} in the body differs from the URL`);
        if (!sameCi(body.country_code, cc) || !sameCi(body.party_id, pid)) {
          return invalid(c, 'country_code/party_id in the body differ from the URL');
        }
        state.receiverStore.set(key, structuredClone(body));
        return ocpiReply(c, undefined, { http: stored ? 200 : 201 });
      default: {
        // PATCH since 2.2 must carry last_updated (ocpi-notes §1.7).
        if (body.last_updated === undefined) return invalid(c, 'last_updated is required in a PATCH');
        if (!stored) return unknown(c);
        if (options.onPatch) options.onPatch(stored, structuredClone(body));
        else Object.assign(stored, structuredClone(body));
        return ocpiReply(c, undefined);
      }
    }
  };
}

/** Session PATCH appends `charging_periods` instead of replacing them (ocpi-notes §4.2). */
function patchSession(stored: Obj, patch: Obj): void {
  const { charging_periods: periods, ...rest } = patch;
  Object.assign(stored, rest);
  if (Array.isArray(periods)) {
    stored.charging_periods = [
      ...(Array.isArray(stored.charging_periods) ? stored.charging_periods : []),
      ...periods,
    ];
  }
}

/** CDRs are POSTed whole; the answer's Location header says where to read them back (ocpi-notes §4.3). */
const handleCdrs: Handler = (c, state, segments) => {
  const body = (c.get('body') ?? {}) as Obj;
  if (c.req.method === 'GET' && segments.length === 3) {
    const [cc, pid, id] = segments as [string, string, string];
    const cdr = state.receiverStore.get(receiverKey('cdrs', cc, pid, id));
    return cdr ? ocpiReply(c, cdr) : unknown(c);
  }
  if (c.req.method !== 'POST' || segments.length !== 0) return notAllowed(c);
  const { id, country_code: cc, party_id: pid } = body;
  if (typeof id !== 'string' || typeof cc !== 'string' || typeof pid !== 'string') {
    return invalid(c, 'id, country_code and party_id are required');
  }
  state.receiverStore.set(receiverKey('cdrs', cc, pid, id), structuredClone(body));
  c.header('Location', `${moduleUrl(state, 'cdrs', 'RECEIVER')}/${cc}/${pid}/${id}`);
  return ocpiReply(c, undefined, { http: 201 });
};

/** HubClientInfo Receiver: `PUT|GET {url}/{cc}/{pid}` (ocpi-notes §3.5). */
const handleHubClientInfo: Handler = (c, state, segments) => {
  if (segments.length !== 2) return unknown(c);
  const [cc, pid] = segments as [string, string];
  const key = receiverKey('hubclientinfo', cc, pid);
  const stored = state.receiverStore.get(key);
  if (c.req.method === 'GET') return stored ? ocpiReply(c, stored) : unknown(c);
  if (c.req.method !== 'PUT') return notAllowed(c);
  const body = (c.get('body') ?? {}) as Obj;
  if (!sameCi(body.country_code, cc) || !sameCi(body.party_id, pid)) {
    return invalid(c, 'country_code/party_id in the body differ from the URL');
  }
  state.receiverStore.set(key, structuredClone(body));
  return ocpiReply(c, undefined, { http: stored ? 200 : 201 });
};

const tokenType = (c: Context<SimEnv>, body: Obj) =>
  c.req.query('type') ?? (typeof body.type === 'string' ? body.type : 'RFID');

const HANDLERS: Partial<Record<ModuleId, Handler>> = {
  locations: handleLocationsReceiver,
  sessions: clientOwned('sessions', ['GET', 'PUT', 'PATCH'], { onPatch: patchSession }),
  // Tariffs have no PATCH since 2.2 (ocpi-notes §4.4).
  tariffs: clientOwned('tariffs', ['GET', 'PUT', 'DELETE']),
  tokens: clientOwned('tokens', ['GET', 'PUT', 'PATCH'], { keyExtra: tokenType }),
  cdrs: handleCdrs,
  hubclientinfo: handleHubClientInfo,
};

/** Appends one inbound push or callback to the ordered `received` log. */
export function logReceived(c: Context<SimEnv>, state: PlatformState, module: string): void {
  state.received.push({
    module,
    method: c.req.method,
    path: c.req.path,
    query: new URL(c.req.url).search.slice(1),
    body: c.get('body'),
    headers: Object.fromEntries(c.req.raw.headers),
    at: new Date(),
  });
}

/** Splits what follows the module URL; empty segments (a `//` join) match nothing. */
export function segmentsAfter(path: string, prefix: string): string[] | undefined {
  const rest = path.slice(prefix.length).replace(/^\//, '').replace(/\/$/, '');
  if (rest === '') return [];
  const segments = rest.split('/').map(decodeURIComponent);
  return segments.includes('') ? undefined : segments;
}

/** Receiver interfaces that store what is pushed and log it in `received`. */
export function mountReceiverRoutes(app: Hono<SimEnv>, state: PlatformState): void {
  const paths = [`${RECEIVER_PREFIX}/:module`, `${RECEIVER_PREFIX}/:module/*`];
  app.on(['GET', 'PUT', 'PATCH', 'POST', 'DELETE'], paths, (c) => {
    const module = c.req.param('module') as ModuleId;
    const handler = HANDLERS[module];
    const segments = segmentsAfter(c.req.path, `${RECEIVER_PREFIX}/${module}`);
    if (!handler || !implements_(state, module, 'RECEIVER') || !segments) return unknown(c);
    logReceived(c, state, module);
    return handler(c, state, segments);
  });
}
