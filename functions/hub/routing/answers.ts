import { successEnvelope } from '../../ocpi/envelope';
import type { PartyRef } from '../../ocpi/party';
import { routingHeaders } from '../../ocpi/routing-headers';
import type { StoredAnswer } from '../../store/idempotency.repository';
import type { PushOutcome } from '../objects/object-write';
import type { ForwardResult } from './forwarder';
import type { OcpiCall } from './ocpi-call';

export type { StoredAnswer } from '../../store/idempotency.repository';

/** The receiver's answer as the requester gets it: status, body and relayed headers unchanged. */
export function relayedAnswer(result: ForwardResult, headers: Record<string, string> = {}): StoredAnswer {
  return {
    httpStatus: result.httpStatus,
    headers: { ...result.headers, ...headers },
    bodyText: result.bodyText,
  };
}

/**
 * An answer the hub gives itself on behalf of the receiver (e.g. a CDR it stored while the eMSP was
 * unreachable): response leg routing is TO = requester, FROM = the receiver (ocpi-notes §3.1).
 */
export function hubAnswer(opts: {
  httpStatus: number;
  data?: unknown;
  message?: string;
  requester: PartyRef;
  receiver: PartyRef;
  now: number;
  headers?: Record<string, string>;
}): StoredAnswer {
  return {
    httpStatus: opts.httpStatus,
    headers: {
      ...routingHeaders(opts.receiver, opts.requester),
      'Content-Type': 'application/json',
      ...opts.headers,
    },
    bodyText: JSON.stringify(successEnvelope(opts.data, opts.message, opts.now)),
  };
}

/** An answer of the hub itself to the requester: FROM = hub, TO = the requester (ocpi-notes §3.2, §3.4). */
export function answerFromHub(
  call: OcpiCall,
  requester: PartyRef,
  data?: unknown,
  opts: { httpStatus?: 200 | 201; message?: string; headers?: Record<string, string> } = {},
): StoredAnswer {
  return hubAnswer({
    httpStatus: opts.httpStatus ?? 200,
    data,
    ...(opts.message ? { message: opts.message } : {}),
    requester,
    receiver: call.ctx.tenant.hub,
    now: call.ctx.runtime.now(),
    ...(opts.headers ? { headers: opts.headers } : {}),
  });
}

/**
 * 201 for a newly created object, 200 for an update (transport_and_format §4.1.1, ocpi-notes §1.4). A push
 * older than the stored object is answered 1000 too, since the spec is silent and the sender did nothing
 * wrong (messages may arrive out of order), but it is neither stored nor broadcast and says so.
 */
export function pushAnswer(call: OcpiCall, requester: PartyRef, outcome: PushOutcome): StoredAnswer {
  if (outcome === 'created') return answerFromHub(call, requester, undefined, { httpStatus: 201 });
  if (outcome === 'stale') {
    return answerFromHub(call, requester, undefined, {
      message: 'not stored: last_updated is older than the stored object',
    });
  }
  return answerFromHub(call, requester);
}
