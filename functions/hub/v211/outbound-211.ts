import type { Partner } from '../../domain/partner';
import { partyKey } from '../../ocpi/party';
import type { LocationReferences } from '../../ocpi/schemas/authorization-info';
import type { CDR } from '../../ocpi/schemas/cdr';
import type { CommandResult } from '../../ocpi/schemas/command-response';
import type { ReserveNow, StartSession, StopSession, UnlockConnector } from '../../ocpi/schemas/commands';
import type { Connector, ConnectorPatch } from '../../ocpi/schemas/connector';
import type { EVSE, EVSEPatch } from '../../ocpi/schemas/evse';
import type { Location, LocationPatch } from '../../ocpi/schemas/location';
import type { Session, SessionPatch } from '../../ocpi/schemas/session';
import type { Tariff } from '../../ocpi/schemas/tariff';
import type { Token, TokenPatch } from '../../ocpi/schemas/token';
import {
  cdrTo211,
  commandResultTo211,
  connectorPatchTo211,
  connectorTo211,
  evsePatchTo211,
  evseTo211,
  type LossLog,
  locationPatchTo211,
  locationReferencesTo211,
  locationTo211,
  reserveNowTo211,
  sessionPatchTo211,
  sessionTo211,
  startSessionTo211,
  stopSessionTo211,
  tariffTo211,
  tokenPatchTo211,
  tokenTo211,
  UntranslatableError,
  unlockConnectorTo211,
} from '../../ocpi/v211/translate';
import type { TenantContext } from '../hub-runtime';
import { speaks211 } from './link-211';
import { locationLookup } from './lookups-211';

/** A request of the hub toward a partner, as delivery and forwarding build it in 2.2.1. */
export interface Outgoing221 {
  module: string;
  method: string;
  /** The path segments after the partner's endpoint URL (owner, ids; a command type). */
  segments: readonly string[];
  bodyText?: string;
  /** An asynchronous result POSTed to a requester's response_url, not to one of its endpoints. */
  callback?: boolean;
}

/** The same request in the partner's version: its body, and whether 2.2.1 query parameters go. */
export interface OutgoingInVersion {
  bodyText?: string;
  /** 2.1.1 addresses a token by uid alone: the 2.2.1 `?type=` is not sent. */
  dropQuery: boolean;
  /** 2.1.1 has no routing headers (ocpi-notes §6). */
  routingHeaders: boolean;
  version: string;
}

type Obj = Record<string, unknown>;

/**
 * A 2.2.1 request translated for the partner it goes to: unchanged toward a 2.2.1 partner; toward a
 * 2.1.1 partner the body is translated (docs/ocpi-2.1.1-translation.md) and the routing headers are left
 * out. An object 2.1.1 cannot express throws UntranslatableError (2001 naming the field): the push is
 * then not sent, and the delivery records the message.
 */
export async function inPartnerVersion(
  ctx: TenantContext,
  partner: Pick<Partner, 'version'>,
  out: Outgoing221,
  log?: LossLog,
): Promise<OutgoingInVersion> {
  if (!speaks211(partner))
    return { ...bodyOf(out.bodyText), dropQuery: false, routingHeaders: true, version: '2.2.1' };
  const body = out.bodyText === undefined ? undefined : (JSON.parse(out.bodyText) as Obj);
  const losses: LossLog = log ?? [];
  const translated = body === undefined ? undefined : await bodyTo211(ctx, out, body, losses);
  // The documented lossy mappings that happened, visible in the logs (never values: they may be personal).
  if (losses.length > 0)
    ctx.log.info('translated to OCPI 2.1.1 with losses', {
      module: out.module,
      losses: losses.map((l) => `${l.field}: ${l.note}`),
    });
  return {
    ...bodyOf(translated === undefined ? undefined : JSON.stringify(translated)),
    dropQuery: out.module === 'tokens',
    routingHeaders: false,
    version: '2.1.1',
  };
}

const bodyOf = (bodyText: string | undefined) => (bodyText === undefined ? {} : { bodyText });

async function bodyTo211(ctx: TenantContext, out: Outgoing221, body: Obj, log?: LossLog): Promise<unknown> {
  // A 2.1.1 eMSP's response_url receives the same CommandResponse shape as the synchronous answer.
  if (out.callback && out.module === 'commands') return commandResultTo211(body as CommandResult, log);
  const patch = out.method === 'PATCH';
  switch (out.module) {
    case 'locations': {
      // {country_code}/{party_id}/{location_id}[/{evse_uid}[/{connector_id}]]
      const depth = out.segments.length - 2;
      if (depth <= 1)
        return patch ? locationPatchTo211(body as LocationPatch, log) : locationTo211(body as Location, log);
      if (depth === 2) return patch ? evsePatchTo211(body as EVSEPatch, log) : evseTo211(body as EVSE, log);
      return patch
        ? connectorPatchTo211(body as ConnectorPatch, log)
        : connectorTo211(body as Connector, log);
    }
    case 'tariffs':
      return tariffTo211(body as Tariff, log);
    case 'tokens':
      if (out.segments.at(-1) === 'authorize') return locationReferencesTo211(body as LocationReferences);
      return patch ? tokenPatchTo211(body as TokenPatch, log) : tokenTo211(body as Token, log);
    case 'sessions':
      return patch
        ? sessionPatchTo211Stored(ctx, out, body as SessionPatch, log)
        : sessionTo211(body as Session, locationLookup(ctx), log);
    case 'cdrs':
      return cdrTo211(body as CDR, locationLookup(ctx), log);
    case 'commands':
      return commandTo211(ctx, out.segments[0] ?? '', body, log);
    default:
      throw new UntranslatableError('2.1.1', out.module, 'the module does not exist in OCPI 2.1.1');
  }
}

/** A 2.1.1 PATCH replaces lists: the stored session (with this PATCH applied) gives the whole state. */
async function sessionPatchTo211Stored(
  ctx: TenantContext,
  out: Outgoing221,
  patch: SessionPatch,
  log?: LossLog,
) {
  const [country_code = '', party_id = '', id = ''] = out.segments;
  const stored = await ctx.store.sessions.get(partyKey({ country_code, party_id }), id);
  if (!stored)
    throw new UntranslatableError('2.1.1', 'id', 'the hub holds no such session to complete the PATCH');
  return sessionPatchTo211(patch, stored.session as Session, locationLookup(ctx), log);
}

/**
 * A command toward a 2.1.1 CPO. Its `response_url` is the hub's own result URL, moved to the 2.1.1
 * namespace so the CPO's 2.1.1 CommandResponse arrives where it is translated.
 */
async function commandTo211(ctx: TenantContext, type: string, body: Obj, log?: LossLog): Promise<unknown> {
  const withUrl = (command: Obj) => ({
    ...command,
    response_url: ctx.urls.inVersion(String(body.response_url), '2.1.1'),
  });
  switch (type) {
    case 'START_SESSION':
      return withUrl(startSessionTo211(body as StartSession, log));
    case 'STOP_SESSION':
      return withUrl(stopSessionTo211(body as StopSession));
    case 'UNLOCK_CONNECTOR':
      return withUrl(unlockConnectorTo211(body as UnlockConnector));
    case 'RESERVE_NOW':
      // 2.1.1 reservation ids are ints: a canonical decimal id goes as its number. The hub keeps no
      // mapping for other ids yet, so those are refused rather than sent under a made-up number.
      return withUrl(
        await reserveNowTo211(
          body as ReserveNow,
          async () => {
            throw new UntranslatableError('2.1.1', 'reservation_id', 'not an int, and 2.1.1 ids are ints');
          },
          log,
        ),
      );
    default:
      throw new UntranslatableError('2.1.1', 'command', `${type} is not offered toward an OCPI 2.1.1 CPO`);
  }
}
