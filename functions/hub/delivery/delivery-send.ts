import type { Partner } from '../../domain/partner';
import { endpointUrl } from '../../domain/partner';
import { formatTokenHeader } from '../../ocpi/auth-header';
import { parseEnvelope } from '../../ocpi/envelope';
import { isConfigurationModule } from '../../ocpi/modules';
import { CORRELATION_ID_HEADER, newRequestId, REQUEST_ID_HEADER } from '../../ocpi/request-ids';
import { routingHeaders } from '../../ocpi/routing-headers';
import { joinUrl, withQuery } from '../../ocpi/url-join';
import { OutboundError } from '../../outbound/errors';
import type { PartnerHttpMethod } from '../../outbound/partner-http-client';
import type { DeliveryReceiver } from '../../store/delivery.repository';
import type { OutboxMessage } from '../../store/outbox.repository';
import type { TenantContext } from '../hub-runtime';

/** delivered; retry (the receiver may recover); rejected (it refused the content: retrying cannot help). */
export type SendOutcome = {
  result: 'delivered' | 'retry' | 'rejected';
  error?: string;
  httpStatus?: number;
  ocpiStatus?: number;
};

/**
 * One push to one receiver: FROM = the hub, TO = the receiver (ocpi-notes §3.2), the URL keeping the
 * owner's country_code/party_id, a new X-Request-ID and the original X-Correlation-ID (ocpi-notes §3.6).
 */
export async function sendToReceiver(
  ctx: TenantContext,
  msg: OutboxMessage,
  receiver: DeliveryReceiver,
  partner: Partner,
  opts: { timeoutMs?: number } = {},
): Promise<SendOutcome> {
  const outcome = await sendOnce(ctx, msg, receiver, partner, opts);
  countDelivery(ctx, outcome.result === 'delivered' ? 'DeliveriesSent' : 'DeliveriesFailed');
  return outcome;
}

/** The delivery metrics hook (functions/metric-names.ts): the failure-rate alarm reads these per tenant. */
export function countDelivery(
  ctx: TenantContext,
  metric: 'DeliveriesSent' | 'DeliveriesFailed' | 'DeliveriesRetried' | 'DeliveriesDeadLettered',
): void {
  ctx.runtime.metrics.count(metric, { Tenant: ctx.tenant.id });
}

async function sendOnce(
  ctx: TenantContext,
  msg: OutboxMessage,
  receiver: DeliveryReceiver,
  partner: Partner,
  opts: { timeoutMs?: number },
): Promise<SendOutcome> {
  const endpoint = endpointUrl(partner, msg.module, 'RECEIVER');
  if (!endpoint || !partner.outbound_token_enc)
    return { result: 'rejected', error: 'receiver has no endpoint or token' };
  let url: string;
  try {
    url = withQuery(joinUrl(endpoint, ...msg.pathSegments), msg.query ?? {});
  } catch {
    return { result: 'rejected', error: 'receiver endpoint URL is invalid' };
  }
  const headers: Record<string, string> = {
    Authorization: formatTokenHeader(
      ctx.runtime.keys.decrypt(partner.outbound_token_enc),
      partner.outbound_token_encoding,
    ),
    [REQUEST_ID_HEADER]: newRequestId(),
    [CORRELATION_ID_HEADER]: msg.correlationId,
    Accept: 'application/json',
  };
  if (msg.bodyText !== undefined) headers['Content-Type'] = 'application/json';
  // Configuration modules (hubclientinfo) carry no routing headers (transport_and_format §4.1.5).
  if (!isConfigurationModule(msg.module) && receiver.party) {
    Object.assign(headers, routingHeaders(ctx.tenant.hub, receiver.party));
  }
  try {
    const response = await ctx.runtime.outbound.request({
      method: msg.method as PartnerHttpMethod,
      url,
      headers,
      body: msg.bodyText,
      timeoutMs: opts.timeoutMs ?? ctx.tenant.outbound.timeoutMs,
      policy: ctx.tenant.outbound,
    });
    return classify(response.status, response.json);
  } catch (err) {
    if (err instanceof OutboundError) return { result: 'retry', error: err.message };
    throw err;
  }
}

function classify(httpStatus: number, json: unknown): SendOutcome {
  const envelope = parseEnvelope(json);
  const ocpiStatus = envelope?.status_code;
  const base = { httpStatus, ...(ocpiStatus === undefined ? {} : { ocpiStatus }) };
  // 2xxx are client errors (transport_and_format §5.2): the receiver refused this content.
  if (ocpiStatus !== undefined && ocpiStatus >= 2000 && ocpiStatus < 3000) {
    return {
      ...base,
      result: 'rejected',
      error: `OCPI status ${ocpiStatus}${envelope?.status_message ? `: ${envelope.status_message}` : ''}`,
    };
  }
  if (httpStatus >= 200 && httpStatus < 300 && ocpiStatus !== undefined && ocpiStatus < 2000) {
    return { ...base, result: 'delivered' };
  }
  if (httpStatus >= 200 && httpStatus < 300 && !envelope)
    return { ...base, result: 'retry', error: 'no OCPI envelope' };
  return {
    ...base,
    result: 'retry',
    error: `HTTP ${httpStatus}${ocpiStatus === undefined ? '' : `, OCPI status ${ocpiStatus}`}`,
  };
}
