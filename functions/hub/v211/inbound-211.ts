import type * as z from 'zod/mini';
import { InvalidParametersError, NotFoundError } from '../../ocpi/errors';
import { type PartyRef, partyKey } from '../../ocpi/party';
import type { Session } from '../../ocpi/schemas/session';
import {
  CDR211Schema,
  CommandResponse211Schema,
  Connector211PatchSchema,
  Connector211Schema,
  EVSE211PatchSchema,
  EVSE211Schema,
  Location211PatchSchema,
  Location211Schema,
  LocationReferences211Schema,
  ReserveNow211Schema,
  Session211PatchSchema,
  Session211Schema,
  StartSession211Schema,
  StopSession211Schema,
  Tariff211PatchSchema,
  Tariff211Schema,
  Token211PatchSchema,
  Token211Schema,
  UnlockConnector211Schema,
} from '../../ocpi/v211/schemas';
import {
  applySessionPatch211,
  applyTariffPatch211,
  cdrTo221,
  commandResultTo221,
  connectorPatchTo221,
  connectorTo221,
  evsePatchTo221,
  evseTo221,
  locationPatchTo221,
  locationReferencesTo221,
  locationTo221,
  paginationQueryTo221,
  reserveNowTo221,
  sessionTo221,
  startSessionTo221,
  stopSessionTo221,
  tariffTo221,
  tokenPatchTo221,
  tokenTo221,
  unlockConnectorTo221,
} from '../../ocpi/v211/translate';
import { tariffKey } from '../../store/tariff.repository';
import { nowIso, type TenantContext } from '../hub-runtime';
import { cdrTokenLookup } from './lookups-211';

/**
 * One request of a 2.1.1 partner below `/{tenant}/ocpi/2.1.1/{side}/{module}` (ocpi-notes §6): the
 * interface of the hub it calls, the module, the method, the path segments after the module, the query.
 */
export interface Request211 {
  side: 'sender' | 'receiver';
  module: string;
  method: string;
  segments: string[];
  query: Record<string, string>;
  body?: unknown;
}

/** The same request in 2.2.1, as the hub's 2.2.1 modules serve it. */
export interface Request221 {
  method: string;
  segments: string[];
  query: Record<string, string>;
  body?: unknown;
}

const MODULES_211 = new Set(['locations', 'tariffs', 'tokens', 'sessions', 'cdrs', 'commands']);

/** Parses a 2.1.1 body; a failure is 2001 naming the field, as for 2.2.1 bodies. */
function read<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw InvalidParametersError.fromZod(parsed.error);
  return parsed.data;
}

/**
 * A 2.1.1 partner's request as the 2.2.1 request the hub serves (docs/ocpi-2.1.1-translation.md). Owner
 * fields come from `party`, the partner's one party. A 2.1.1 Tariff or Session PATCH replaces what it
 * names: it is applied to the stored object here and goes on as a PUT of the whole object.
 */
export async function requestTo221(
  ctx: TenantContext,
  party: PartyRef,
  req: Request211,
): Promise<Request221> {
  if (!MODULES_211.has(req.module)) throw new NotFoundError(`no module ${req.module} in OCPI 2.1.1`);
  const same: Request221 = {
    method: req.method,
    segments: req.segments,
    query: req.method === 'GET' ? listQueryTo221(req) : req.query,
  };
  if (req.body === undefined || req.method === 'GET' || req.method === 'DELETE') return same;
  const receivedAt = nowIso(ctx.runtime);
  const patch = req.method === 'PATCH';
  const body = req.body;
  const key = `${req.side}/${req.module}`;
  switch (key) {
    case 'receiver/locations': {
      const depth = req.segments.length - 2;
      const translated =
        depth <= 1
          ? patch
            ? locationPatchTo221(read(Location211PatchSchema, body), receivedAt)
            : locationTo221(read(Location211Schema, body), party)
          : depth === 2
            ? patch
              ? evsePatchTo221(read(EVSE211PatchSchema, body), receivedAt)
              : evseTo221(read(EVSE211Schema, body))
            : patch
              ? connectorPatchTo221(read(Connector211PatchSchema, body), receivedAt)
              : connectorTo221(read(Connector211Schema, body));
      return { ...same, body: translated };
    }
    case 'receiver/tariffs': {
      if (!patch) return { ...same, body: tariffTo221(read(Tariff211Schema, body), party) };
      const [country_code = '', party_id = '', id = ''] = req.segments;
      const stored = await ctx.store.tariffs.get(tariffKey({ country_code, party_id }, id));
      if (!stored) throw new NotFoundError(`unknown tariff ${id}`);
      const whole = applyTariffPatch211(stored.object, read(Tariff211PatchSchema, body), receivedAt);
      return { ...same, method: 'PUT', body: whole };
    }
    case 'receiver/tokens': {
      const token = patch
        ? tokenPatchTo221(read(Token211PatchSchema, body), receivedAt)
        : tokenTo221(read(Token211Schema, body), party);
      // 2.1.1 names a token by uid alone; 2.2.1 by uid and type (RFID when not said).
      const type = (token as { type?: string }).type ?? 'RFID';
      return { ...same, query: { ...req.query, type }, body: token };
    }
    case 'receiver/sessions': {
      if (!patch)
        return {
          ...same,
          body: await sessionTo221(read(Session211Schema, body), party, cdrTokenLookup(ctx)),
        };
      const [country_code = '', party_id = '', id = ''] = req.segments;
      const stored = await ctx.store.sessions.get(partyKey({ country_code, party_id }), id);
      if (!stored) throw new NotFoundError(`unknown session ${id}`);
      const whole = await applySessionPatch211(
        stored.session as Session,
        read(Session211PatchSchema, body),
        receivedAt,
        cdrTokenLookup(ctx),
      );
      return { ...same, method: 'PUT', body: whole };
    }
    case 'receiver/cdrs':
      return { ...same, body: await cdrTo221(read(CDR211Schema, body), party, cdrTokenLookup(ctx)) };
    case 'sender/tokens':
      // POST {uid}/authorize: the 2.1.1 LocationReferences.
      return { ...same, body: locationReferencesTo221(read(LocationReferences211Schema, body)) };
    case 'sender/commands':
      // A 2.1.1 CPO's asynchronous result: the same CommandResponse shape as its synchronous answer.
      return { ...same, body: commandResultTo221(read(CommandResponse211Schema, body)) };
    case 'receiver/commands':
      return { ...same, body: commandTo221(req.segments[0] ?? '', body, party) };
    default:
      return { ...same, body };
  }
}

/**
 * The query of a 2.1.1 GET in 2.2.1. 2.2.1 requires `date_from` on a sessions GET-all, 2.1.1 does not
 * (OCPI 2.1.1 sessions §9.1.1): a 2.1.1 eMSP's pull without it starts at the epoch, i.e. gets everything.
 */
function listQueryTo221(req: Request211): Record<string, string> {
  const query = paginationQueryTo221(req.query) as Record<string, string>;
  const sessionsList = req.side === 'sender' && req.module === 'sessions' && req.segments.length === 0;
  if (sessionsList && query.date_from === undefined) return { ...query, date_from: EPOCH };
  return query;
}

const EPOCH = '1970-01-01T00:00:00Z';

function commandTo221(type: string, body: unknown, emsp: PartyRef): unknown {
  const responseUrl = (body as { response_url?: unknown } | undefined)?.response_url;
  switch (type.toUpperCase()) {
    case 'START_SESSION':
      return startSessionTo221(read(StartSession211Schema, body), emsp);
    case 'STOP_SESSION':
      return stopSessionTo221(read(StopSession211Schema, body));
    case 'UNLOCK_CONNECTOR':
      return unlockConnectorTo221(read(UnlockConnector211Schema, body));
    case 'RESERVE_NOW':
      return reserveNowTo221(read(ReserveNow211Schema, body), emsp);
    default:
      return { ...(body as object), response_url: responseUrl };
  }
}
