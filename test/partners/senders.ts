import type { Context, Hono } from 'hono';
import { parseOcpiDateTime } from '../../functions/ocpi/datetime';
import { ocpiReply } from './envelope';
import type { PlatformState } from './platform-state';
import { sameCi } from './receiver-locations';
import { segmentsAfter } from './receivers';
import type { SimEnv } from './sim-env';
import type { SenderModule } from './types';
import { implements_ } from './versions';

type Obj = Record<string, unknown>;

const SENDER_PREFIX = '/ocpi/2.2.1/sender';
const SENDER_MODULES: readonly string[] = ['locations', 'tariffs', 'sessions', 'cdrs', 'tokens'];

const invalid = (c: Context<SimEnv>, message: string) => ocpiReply(c, undefined, { code: 2001, message });

function parseNonNegativeInt(value: string | undefined): number | undefined | 'invalid' {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : 'invalid';
}

/**
 * Paginated list GET (ocpi-notes §1.5): date_from inclusive, date_to exclusive on last_updated, oldest first,
 * X-Total-Count over the filtered set, X-Limit = our maximum, Link rel="next" repeating the filters.
 */
function listPage(c: Context<SimEnv>, state: PlatformState, module: SenderModule): Response {
  const dateFrom = c.req.query('date_from');
  const dateTo = c.req.query('date_to');
  const from = dateFrom === undefined ? undefined : parseOcpiDateTime(dateFrom);
  const to = dateTo === undefined ? undefined : parseOcpiDateTime(dateTo);
  if (dateFrom !== undefined && from === undefined) return invalid(c, 'date_from is not a DateTime');
  if (dateTo !== undefined && to === undefined) return invalid(c, 'date_to is not a DateTime');
  // Sessions Sender: date_from is required (ocpi-notes §4.2).
  if (module === 'sessions' && dateFrom === undefined) return invalid(c, 'date_from is required');
  const offset = parseNonNegativeInt(c.req.query('offset'));
  const limit = parseNonNegativeInt(c.req.query('limit'));
  if (offset === 'invalid' || limit === 'invalid') return invalid(c, 'offset and limit must be integers');

  const matches = (state.seeded.get(module) ?? []).filter((o) => {
    const at = parseOcpiDateTime(String(o.last_updated ?? ''));
    if (at === undefined) return from === undefined && to === undefined;
    return (from === undefined || at >= from) && (to === undefined || at < to);
  });
  const start = offset ?? 0;
  const pageSize = Math.min(limit ?? state.pageLimit, state.pageLimit);
  const page = matches.slice(start, start + pageSize);

  c.header('X-Total-Count', String(matches.length));
  c.header('X-Limit', String(state.pageLimit));
  if (start + page.length < matches.length && page.length > 0) {
    // The path as called (a trailing slash kept: Hono's c.req.path drops it in a non-strict app).
    const next = new URL(`${state.baseUrl}${new URL(c.req.url).pathname}`);
    for (const [name, value] of new URL(c.req.url).searchParams) next.searchParams.set(name, value);
    next.searchParams.set('offset', String(start + page.length));
    next.searchParams.set('limit', String(pageSize));
    c.header('Link', `<${next.toString()}>; rel="next"`);
  }
  return ocpiReply(c, page);
}

/** Single-object GET: `{url}/{id}` (Locations also `/{evse_uid}[/{connector_id}]`, ocpi-notes §4.1). */
function singleObject(c: Context<SimEnv>, state: PlatformState, module: SenderModule, segments: string[]) {
  const idField = module === 'tokens' ? 'uid' : 'id';
  const [id, evseUid, connectorId] = segments;
  let target: Obj | undefined = (state.seeded.get(module) ?? []).find((o) => sameCi(o[idField], id));
  if (module === 'locations' && evseUid) {
    const evses = (target?.evses ?? []) as Obj[];
    target = evses.find((e) => sameCi(e.uid, evseUid));
    if (connectorId) target = ((target?.connectors ?? []) as Obj[]).find((k) => sameCi(k.id, connectorId));
  }
  const tooDeep = segments.length > (module === 'locations' ? 3 : 1);
  if (!target || tooDeep) {
    return ocpiReply(c, undefined, {
      http: 404,
      code: module === 'locations' ? 2003 : 2000,
      message: 'unknown object',
    });
  }
  return ocpiReply(c, target);
}

/** Sender interfaces serving the seeded objects. */
export function mountSenderRoutes(app: Hono<SimEnv>, state: PlatformState): void {
  app.get(`${SENDER_PREFIX}/:module`, (c) => {
    const module = c.req.param('module');
    if (!SENDER_MODULES.includes(module) || !implements_(state, module as SenderModule, 'SENDER')) {
      return ocpiReply(c, undefined, { http: 404, code: 2000, message: 'no such endpoint' });
    }
    return listPage(c, state, module as SenderModule);
  });
  app.get(`${SENDER_PREFIX}/:module/*`, (c) => {
    const module = c.req.param('module');
    const segments = segmentsAfter(c.req.path, `${SENDER_PREFIX}/${module}`);
    if (
      !segments ||
      !SENDER_MODULES.includes(module) ||
      !implements_(state, module as SenderModule, 'SENDER')
    ) {
      return ocpiReply(c, undefined, { http: 404, code: 2000, message: 'no such endpoint' });
    }
    return segments.length === 0
      ? listPage(c, state, module as SenderModule)
      : singleObject(c, state, module as SenderModule, segments);
  });
}
