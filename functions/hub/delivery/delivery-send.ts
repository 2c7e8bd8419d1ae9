import type { Partner } from '../../domain/partner';
import { endpointUrl } from '../../domain/partner';
import { parseEnvelope } from '../../ocpi/envelope';
import { isConfigurationModule } from '../../ocpi/modules';
import { joinUrl, withQuery } from '../../ocpi/url-join';
import { OutboundError } from '../../outbound/errors';
import type { PartnerHttpMethod } from '../../outbound/partner-http-client';
import type { DeliveryReceiver } from '../../store/delivery.repository';
import type { OutboxMessage } from '../../store/outbox.repository';
import type { TenantContext } from '../hub-runtime';
import { credentialsFor, sendPartnerRequest } from '../partners/partner-request';

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
  const credentials = credentialsFor(ctx, partner);
  if (!endpoint || !credentials) return { result: 'rejected', error: 'receiver has no endpoint or token' };
  let url: string;
  try {
    url = withQuery(joinUrl(endpoint, ...msg.pathSegments), msg.query ?? {});
  } catch {
    return { result: 'rejected', error: 'receiver endpoint URL is invalid' };
  }
  // Configuration modules (hubclientinfo) carry no routing headers (transport_and_format §4.1.5).
  const routed = !isConfigurationModule(msg.module) && receiver.party;
  try {
    const { response } = await sendPartnerRequest(ctx, {
      method: msg.method as PartnerHttpMethod,
      url,
      credentials,
      correlationId: msg.correlationId,
      ...(routed ? { routing: { from: ctx.tenant.hub, to: routed } } : {}),
      ...(msg.bodyText !== undefined ? { bodyText: msg.bodyText } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
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
