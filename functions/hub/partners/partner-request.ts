import type { Partner } from '../../domain/partner';
import { formatTokenHeader, type TokenEncoding } from '../../ocpi/auth-header';
import type { PartyRef } from '../../ocpi/party';
import { CORRELATION_ID_HEADER, newRequestId, REQUEST_ID_HEADER } from '../../ocpi/request-ids';
import { routingHeaders } from '../../ocpi/routing-headers';
import type { PartnerHttpMethod, PartnerResponse } from '../../outbound/partner-http-client';
import type { TenantContext } from '../hub-runtime';

/** A token the hub presents to a partner, in the form that partner accepts (ocpi-notes §1.1). */
export interface PartnerCredentials {
  token: string;
  encoding: TokenEncoding;
}

/** One OCPI request of the hub to a partner: forwards, deliveries and calls to configuration endpoints. */
export interface PartnerRequest {
  method: PartnerHttpMethod;
  url: string;
  credentials: PartnerCredentials;
  /** Kept along the whole chain (ocpi-notes §1.2); a new one when the hub starts the chain itself. */
  correlationId?: string;
  /** FROM and TO of this hop; functional modules only (configuration modules carry none). */
  routing?: { from: PartyRef; to: PartyRef };
  /** Sent as is (forwarded bodies stay byte for byte what the sender sent). */
  bodyText?: string;
  /** Default: the tenant's outbound bound. */
  timeoutMs?: number;
  /** This hop's X-Request-ID when the caller logs it (default: a new one). */
  requestId?: string;
}

export interface SentRequest {
  /** The new X-Request-ID of this hop, for the logs. */
  requestId: string;
  response: PartnerResponse;
}

/** The hub's token for a partner (decrypted) and its encoding; undefined when it holds none. */
export function credentialsFor(ctx: TenantContext, partner: Partner): PartnerCredentials | undefined {
  if (!partner.outbound_token_enc) return undefined;
  return {
    token: ctx.runtime.keys.decrypt(partner.outbound_token_enc),
    encoding: partner.outbound_token_encoding,
  };
}

/**
 * The one builder of the hub's outbound OCPI requests: Authorization with the hub's token, a new
 * X-Request-ID, the chain's X-Correlation-ID, the routing headers of the hop, JSON content headers,
 * and the tenant's URL policy and time bound, through the guarded partner client. Network failures
 * are the client's OutboundErrors; each caller decides what they mean for it.
 */
export async function sendPartnerRequest(ctx: TenantContext, req: PartnerRequest): Promise<SentRequest> {
  const requestId = req.requestId ?? newRequestId();
  const headers: Record<string, string> = {
    Authorization: formatTokenHeader(req.credentials.token, req.credentials.encoding),
    [REQUEST_ID_HEADER]: requestId,
    [CORRELATION_ID_HEADER]: req.correlationId ?? newRequestId(),
    Accept: 'application/json',
    ...(req.routing ? routingHeaders(req.routing.from, req.routing.to) : {}),
  };
  if (req.bodyText !== undefined) headers['Content-Type'] = 'application/json';
  const response = await ctx.runtime.outbound.request({
    method: req.method,
    url: req.url,
    headers,
    body: req.bodyText,
    timeoutMs: req.timeoutMs ?? ctx.tenant.outbound.timeoutMs,
    policy: ctx.tenant.outbound,
  });
  return { requestId, response };
}
