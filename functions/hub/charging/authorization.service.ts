import { UnknownTokenError } from '../../ocpi/errors';
import { refOf } from '../../ocpi/party';
import { relayedAnswer, type StoredAnswer } from '../routing/answers';
import { forwardToParty } from '../routing/forwarder';
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
  return relayedAnswer(result);
}
