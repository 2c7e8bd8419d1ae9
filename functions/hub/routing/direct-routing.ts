import type { PartyRoleName } from '../../domain/partner';
import { InvalidParametersError, MethodNotAllowedError } from '../../ocpi/errors';
import type { ModuleId } from '../../ocpi/modules';
import { refOf } from '../../ocpi/party';
import { ROUTING_HEADER_NAMES } from '../../ocpi/routing-headers';
import type { PartnerHttpMethod } from '../../outbound/partner-http-client';
import { relayedAnswer, type StoredAnswer } from './answers';
import { forwardToParty } from './forwarder';
import type { OcpiCall } from './ocpi-call';
import { resolveFromParty } from './party-resolution';

/** Where a request of a module goes at the party named in TO. */
export interface RouteSpec {
  module: ModuleId;
  targetInterface: 'SENDER' | 'RECEIVER';
  /** Path segments after the module's endpoint URL, decoded (they are re-encoded on the way out). */
  pathSegments: string[];
  /** Restrict the TO party to these roles, e.g. ['CPO'] for a command. */
  targetRoles?: readonly PartyRoleName[];
  /** The roles the caller may act as for this request (FROM), e.g. ['EMSP'] for a command. */
  fromRoles?: readonly PartyRoleName[];
  timeoutMs?: number;
}

/** The request itself; the body is read only once FROM and TO are known to be acceptable. */
export interface RoutedRequest {
  method: string;
  query: Record<string, string>;
  bodyText(): Promise<string | undefined>;
}

const FORWARDABLE_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Direct routing of a request (ocpi-notes §3.1): FROM must be one of the caller's roles, TO is required
 * and must not be the hub (4001: the module serves TO = hub itself); the body goes as the exact text
 * received and the receiver's answer comes back unchanged.
 */
export async function routeToParty(
  call: OcpiCall,
  spec: RouteSpec,
  req: RoutedRequest,
): Promise<StoredAnswer> {
  if (!FORWARDABLE_METHODS.includes(req.method)) {
    throw new MethodNotAllowedError(`${req.method} is not an OCPI method`);
  }
  const from = resolveFromParty(call.caller, call.routing.from, spec.fromRoles);
  const { to } = call.routing;
  if (!to) {
    throw new InvalidParametersError(
      'missing: the receiving party is required',
      ROUTING_HEADER_NAMES.toPartyId,
    );
  }
  const bodyText = await req.bodyText();
  const result = await forwardToParty(call.ctx, {
    module: spec.module,
    targetInterface: spec.targetInterface,
    method: req.method as PartnerHttpMethod,
    pathSegments: spec.pathSegments,
    query: req.query,
    ...(bodyText === undefined ? {} : { bodyText }),
    from: refOf(from),
    to,
    ...(spec.targetRoles ? { targetRoles: spec.targetRoles } : {}),
    correlationId: call.correlationId,
    ...(spec.timeoutMs ? { timeoutMs: spec.timeoutMs } : {}),
    callerPartnerId: call.caller.partner.id,
  });
  return relayedAnswer(result);
}
