import { UnknownTokenError } from '../../ocpi/errors';
import { refOf } from '../../ocpi/party';
import { leniencyFor } from '../partners/leniency';
import { relayedAnswer, type StoredAnswer } from '../routing/answers';
import { type ForwardResult, forwardToParty } from '../routing/forwarder';
import { callerParty, type OcpiCall, receiverOf } from '../routing/ocpi-call';
import { tokenOwner } from './open-routing';

export interface AuthorizeRequest {
  uid: string;
  type?: string;
  /** LocationReferences as received (already validated), forwarded byte for byte. */
  bodyText?: string;
}

/**
 * Real-time authorization (tokens §12.2.2, ocpi-notes §4.5): a CPO's `POST tokens/{uid}/authorize` goes
 * to the eMSP that owns the token, by OCPI-to headers or by the owner of the stored token (open
 * routing). The AuthorizationInfo comes back unchanged; a token nobody owns is HTTP 404 + 2004; an eMSP
 * slower than the tenant's outbound bound is 4002 (the driver is waiting at the charger).
 */
export async function authorizeToken(call: OcpiCall, req: AuthorizeRequest): Promise<StoredAnswer> {
  const cpo = callerParty(call, ['CPO']);
  const emsp = await receiverOf(
    call,
    async () => {
      const owner = await tokenOwner(call.ctx, req.uid, req.type);
      if (!owner) throw new UnknownTokenError(`unknown token '${req.uid}'`);
      return owner;
    },
    'authorization',
  );
  const result = await forwardToParty(call.ctx, {
    module: 'tokens',
    targetInterface: 'SENDER',
    method: 'POST',
    pathSegments: [req.uid, 'authorize'],
    query: req.type ? { type: req.type } : undefined,
    bodyText: req.bodyText,
    from: refOf(cpo),
    to: emsp,
    targetRoles: ['EMSP'],
    correlationId: call.correlationId,
    timeoutMs: call.ctx.tenant.outbound.timeoutMs,
    callerPartnerId: call.caller.partner.id,
  });
  return relayedAnswer(normalizedAuthorization(call, result));
}

/**
 * The eMSP's AuthorizationInfo in the spec's shape (tolerant reader, issue #11): one wrapped in a
 * one-element list is unwrapped and an `allowed` value in lower case upper-cased, both counted.
 */
function normalizedAuthorization(call: OcpiCall, result: ForwardResult): ForwardResult {
  let data = result.envelope?.data;
  const leniencies = leniencyFor(call.ctx, result.target.partner.id);
  let changed = false;
  if (Array.isArray(data) && data.length === 1 && typeof data[0] === 'object' && data[0] !== null) {
    leniencies.note('list_wrapped_object');
    data = data[0];
    changed = true;
  }
  const info = data as Record<string, unknown> | undefined;
  if (info && typeof info.allowed === 'string' && info.allowed !== info.allowed.toUpperCase()) {
    leniencies.note('lowercase_cistrings');
    data = { ...info, allowed: info.allowed.toUpperCase() };
    changed = true;
  }
  if (!changed) return result;
  const body = JSON.parse(result.bodyText) as Record<string, unknown>;
  return { ...result, bodyText: JSON.stringify({ ...body, data }) };
}
