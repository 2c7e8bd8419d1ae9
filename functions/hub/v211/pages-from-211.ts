import type * as z from 'zod/mini';
import { HubError, InvalidParametersError } from '../../ocpi/errors';
import type { PartyRef } from '../../ocpi/party';
import {
  CDR211Schema,
  Connector211Schema,
  EVSE211Schema,
  Location211Schema,
  Session211Schema,
  Tariff211Schema,
  Token211Schema,
} from '../../ocpi/v211/schemas';
import {
  cdrTo221,
  connectorTo221,
  evseTo221,
  type LossLog,
  locationTo221,
  sessionTo221,
  tariffTo221,
  tokenTo221,
} from '../../ocpi/v211/translate';
import type { TenantContext } from '../hub-runtime';
import { cdrTokenLookup } from './lookups-211';

type One = (object: unknown) => Promise<unknown> | unknown;

/** What a forwarded GET asked a 2.1.1 partner for: the module, the interface, the path after the endpoint. */
export interface ForwardedGet {
  module: string;
  targetInterface: 'SENDER' | 'RECEIVER';
  segments: readonly string[];
}

/**
 * The data of a 2.1.1 partner's answer to a forwarded GET, in 2.2.1 for the requester
 * (docs/ocpi-2.1.1-translation.md "Forwarded pulls"). Objects are owned by `owner`, the 2.1.1 partner's
 * one party (its answer carries no owner fields). In a page, an object that cannot be read or expressed
 * in 2.2.1 is left out and noted as a loss, so the rest of the pull goes on; a single such object is a
 * hub error (4000) naming the field, never handed on in 2.1.1. Undefined: nothing to translate.
 */
export async function forwardedDataFrom211(
  ctx: TenantContext,
  owner: PartyRef,
  get: ForwardedGet,
  data: unknown,
  log: LossLog,
): Promise<unknown> {
  const one = translatorOf(ctx, owner, get, log);
  if (!one || data === undefined || data === null) return data;
  if (!Array.isArray(data)) {
    try {
      return await one(data);
    } catch (err) {
      if (!(err instanceof InvalidParametersError)) throw err;
      throw new HubError(`the receiver's OCPI 2.1.1 answer cannot be read as OCPI 2.2.1: ${err.message}`);
    }
  }
  const out: unknown[] = [];
  for (const [index, object] of data.entries()) {
    try {
      out.push(await one(object));
    } catch (err) {
      if (!(err instanceof InvalidParametersError)) throw err;
      log.push({ field: `[${index}]`, note: `left out of the page: ${err.message}` });
    }
  }
  return out;
}

/** Parses a 2.1.1 object; a failure is 2001 naming the field (left out of a page by the caller). */
function read<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw InvalidParametersError.fromZod(parsed.error);
  return parsed.data;
}

function translatorOf(ctx: TenantContext, owner: PartyRef, get: ForwardedGet, log: LossLog): One | undefined {
  switch (get.module) {
    case 'locations': {
      // Sender: [{location_id}[/{evse_uid}[/{connector_id}]]]; Receiver: the owner's {cc}/{pid} first.
      const depth = get.segments.length - (get.targetInterface === 'RECEIVER' ? 2 : 0);
      if (depth <= 1) return (l) => locationTo221(read(Location211Schema, l), owner, log);
      if (depth === 2) return (e) => evseTo221(read(EVSE211Schema, e));
      return (c) => connectorTo221(read(Connector211Schema, c));
    }
    case 'tariffs':
      return (t) => tariffTo221(read(Tariff211Schema, t), owner);
    case 'tokens':
      return (t) => tokenTo221(read(Token211Schema, t), owner);
    case 'sessions':
      return (s) => sessionTo221(read(Session211Schema, s), owner, cdrTokenLookup(ctx), log);
    case 'cdrs':
      return (c) => cdrTo221(read(CDR211Schema, c), owner, cdrTokenLookup(ctx), log);
    default:
      return undefined;
  }
}
