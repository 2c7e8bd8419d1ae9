import { successEnvelope } from '../../ocpi/envelope';
import type { PartyRef } from '../../ocpi/party';
import { routingHeaders } from '../../ocpi/routing-headers';
import type { StoredAnswer } from '../../store/idempotency.repository';
import type { ForwardResult } from './forwarder';

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
