import type { Partner } from '../../domain/partner';
import { endpointUrl } from '../../domain/partner';
import { parseEnvelope } from '../../ocpi/envelope';
import { InvalidParametersError } from '../../ocpi/errors';
import { isConfigurationModule } from '../../ocpi/modules';
import { refOf } from '../../ocpi/party';
import { joinUrl, withQuery } from '../../ocpi/url-join';
import { OutboundError } from '../../outbound/errors';
import type { PartnerHttpMethod } from '../../outbound/partner-http-client';
import type { DeliveryReceiver } from '../../store/delivery.repository';
import type { OutboxMessage } from '../../store/outbox.repository';
import type { TenantContext } from '../hub-runtime';
import { credentialsFor, sendPartnerRequest } from '../partners/partner-request';
import { inPartnerVersion, type OutgoingInVersion } from '../v211/outbound-211';
import { recordCdrDelivery } from './cdr-delivery-state';

/** delivered; retry (the receiver may recover); rejected (it refused the content: retrying cannot help). */
export type SendOutcome = {
  result: 'delivered' | 'retry' | 'rejected';
  error?: string;
  httpStatus?: number;
  ocpiStatus?: number;
  /** The receiver's Location header of a delivered push (a CDR's URL at the eMSP, kept for support). */
  location?: string;
  /** The OCPI version the push was sent in (the receiver's negotiated one; ocpi-notes §6). */
  version?: string;
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
  const state =
    outcome.result === 'delivered' ? 'DELIVERED' : outcome.result === 'retry' ? 'RETRYING' : 'REFUSED';
  await recordCdrDelivery(ctx, msg, state, outcome.location);
  return outcome;
}

/** The delivery metrics hook (functions/metric-names.ts): the failure-rate alarm reads these per tenant. */
export function countDelivery(
  ctx: TenantContext,
  metric: 'DeliveriesSent' | 'DeliveriesFailed' | 'DeliveriesRetried' | 'DeliveriesDeadLettered',
): void {
  ctx.runtime.metrics.count(metric, { Tenant: ctx.tenant.id });
}

/** The alarm hook for store-and-forward data the hub gives up on: a metric and an error log line. */
export function deadLettered(
  ctx: TenantContext,
  what: { delivery?: string; module: string; partner: string; reason: string | undefined },
): void {
  countDelivery(ctx, 'DeliveriesDeadLettered');
  ctx.log.error('delivery dead-lettered', { ...what });
}

async function sendOnce(
  ctx: TenantContext,
  msg: OutboxMessage,
  receiver: DeliveryReceiver,
  partner: Partner,
  opts: { timeoutMs?: number },
): Promise<SendOutcome> {
  const credentials = credentialsFor(ctx, partner);
  // A 2.1.1 receiver gets the message translated, without routing headers; what 2.1.1 cannot express
  // is not sent (docs/ocpi-2.1.1-translation.md).
  let sent: OutgoingInVersion;
  try {
    sent = await inPartnerVersion(ctx, partner, {
      module: msg.module,
      method: msg.method,
      segments: msg.pathSegments,
      callback: msg.url !== undefined,
      ...(msg.bodyText !== undefined ? { bodyText: msg.bodyText } : {}),
    });
  } catch (err) {
    if (!(err instanceof InvalidParametersError)) throw err;
    return {
      result: 'rejected',
      error: err.message,
      ...(partner.version ? { version: partner.version } : {}),
    };
  }
  const url = targetUrlOf(msg, partner, sent.dropQuery);
  if (!credentials) return { result: 'rejected', error: 'receiver has no token' };
  if (!url)
    return {
      result: 'rejected',
      error: url === undefined ? 'receiver has no endpoint' : 'receiver endpoint URL is invalid',
    };
  try {
    const { response } = await sendPartnerRequest(ctx, {
      method: msg.method as PartnerHttpMethod,
      url,
      credentials,
      correlationId: msg.correlationId,
      ...(sent.routingHeaders ? (routingOf(ctx, msg, receiver) ?? {}) : {}),
      ...(sent.bodyText !== undefined ? { bodyText: sent.bodyText } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
    const outcome = { ...classify(response.status, response.json), version: sent.version };
    const location = response.headers.location;
    return outcome.result === 'delivered' && location ? { ...outcome, location } : outcome;
  } catch (err) {
    if (err instanceof OutboundError) return { result: 'retry', error: err.message, version: sent.version };
    throw err;
  }
}

/**
 * Where the message goes at this receiver: the URL it chose (a response_url), else its endpoint of
 * the module's interface with the path appended. undefined: no endpoint; '': an unusable one.
 */
function targetUrlOf(msg: OutboxMessage, partner: Partner, dropQuery = false): string | undefined {
  if (msg.url !== undefined) return msg.url;
  const endpoint = endpointUrl(partner, msg.module, msg.targetInterface ?? 'RECEIVER');
  if (!endpoint) return undefined;
  try {
    // 2.1.1 names a token by uid alone: its `?type=` is not sent (dropQuery).
    return withQuery(joinUrl(endpoint, ...msg.pathSegments), dropQuery ? {} : (msg.query ?? {}));
  } catch {
    return '';
  }
}

/**
 * Routing headers of the push. A broadcast comes FROM the hub (ocpi-notes §3.2); a direct message
 * (a session, CDR or result the hub stored for one party) is forwarded traffic and keeps the real
 * parties, FROM = its owner (ocpi-notes §3.3). Configuration modules (hubclientinfo) carry none
 * (transport_and_format §4.1.5).
 */
function routingOf(ctx: TenantContext, msg: OutboxMessage, receiver: DeliveryReceiver) {
  if (isConfigurationModule(msg.module) || !receiver.party) return undefined;
  const from = msg.kind === 'direct' ? refOf(msg.owner) : ctx.tenant.hub;
  return { routing: { from, to: refOf(receiver.party) } };
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
