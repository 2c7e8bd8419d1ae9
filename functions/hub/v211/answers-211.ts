import type { AuthorizationInfo } from '../../ocpi/schemas/authorization-info';
import type { CDR } from '../../ocpi/schemas/cdr';
import type { CommandResponse } from '../../ocpi/schemas/command-response';
import type { Connector } from '../../ocpi/schemas/connector';
import type { EVSE } from '../../ocpi/schemas/evse';
import type { Location } from '../../ocpi/schemas/location';
import type { Session } from '../../ocpi/schemas/session';
import type { Tariff } from '../../ocpi/schemas/tariff';
import type { Token } from '../../ocpi/schemas/token';
import {
  authorizationInfoTo211,
  cdrTo211,
  commandResponseTo211,
  connectorTo211,
  evseTo211,
  type LossLog,
  locationTo211,
  sessionTo211,
  tariffTo211,
  tokenTo211,
  UntranslatableError,
} from '../../ocpi/v211/translate';
import type { TenantContext } from '../hub-runtime';
import type { Request211 } from './inbound-211';
import { locationLookup } from './lookups-211';

type One = (object: unknown) => Promise<unknown> | unknown;

/**
 * The data of the hub's 2.2.1 answer to a 2.1.1 partner's request, in 2.1.1 (docs/ocpi-2.1.1-translation.md).
 * In a list, an object 2.1.1 cannot express (an unpublished location, a credit CDR, an ad-hoc tariff)
 * is left out and noted as a loss; a single such object is refused with 2001 naming the field.
 */
export async function answerTo211(
  ctx: TenantContext,
  req: Request211,
  data: unknown,
  log?: LossLog,
): Promise<unknown> {
  if (data === undefined || data === null) return data;
  const one = translatorOf(ctx, req, log);
  if (!one) return data;
  if (!Array.isArray(data)) return one(data);
  const out: unknown[] = [];
  for (const [index, object] of data.entries()) {
    try {
      out.push(await one(object));
    } catch (err) {
      if (!(err instanceof UntranslatableError)) throw err;
      log?.push({ field: `[${index}]`, note: `left out of the page: ${err.message}` });
    }
  }
  return out;
}

function translatorOf(ctx: TenantContext, req: Request211, log?: LossLog): One | undefined {
  const key = `${req.side}/${req.module}`;
  if (req.method === 'POST') {
    if (key === 'sender/tokens') return (info) => authorizationInfoTo211(info as AuthorizationInfo, log);
    if (key === 'receiver/commands') return (answer) => commandResponseTo211(answer as CommandResponse, log);
    return undefined;
  }
  if (req.method !== 'GET') return undefined;
  switch (req.module) {
    case 'locations': {
      // Sender: {location_id}[/{evse_uid}[/{connector_id}]]; Receiver: the owner's {cc}/{pid} first.
      const depth = req.segments.length - (req.side === 'receiver' ? 2 : 0);
      if (depth <= 1) return (l) => locationTo211(l as Location, log);
      if (depth === 2) return (e) => evseTo211(e as EVSE, log);
      return (c) => connectorTo211(c as Connector, log);
    }
    case 'tariffs':
      return (t) => tariffTo211(t as Tariff, log);
    case 'tokens':
      return (t) => tokenTo211(t as Token, log);
    case 'sessions':
      return (s) => sessionTo211(s as Session, locationLookup(ctx), log);
    case 'cdrs':
      return (c) => cdrTo211(c as CDR, locationLookup(ctx), log);
    default:
      return undefined;
  }
}
