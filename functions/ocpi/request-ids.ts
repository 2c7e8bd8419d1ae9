import { randomUUID } from 'node:crypto';

/**
 * X-Request-ID / X-Correlation-ID (transport_and_format §4.1.4, ocpi-notes §1.2): the request id is new on
 * every hop, the correlation id is kept along the whole chain. UUIDs are advised.
 */
export const REQUEST_ID_HEADER = 'X-Request-ID';
export const CORRELATION_ID_HEADER = 'X-Correlation-ID';

/** Incoming ids end up in logs and outbound headers: only printable ASCII, bounded, is kept. */
const ACCEPTABLE_ID = /^[\x20-\x7e]{1,255}$/;

export type RequestIds = { requestId: string; correlationId: string };

export function newRequestId(): string {
  return randomUUID();
}

/**
 * The ids of an inbound request; a missing or unusable value is replaced by a fresh UUID v4, or the
 * request id by `platformRequestId` (API Gateway's, so the hub's X-Request-ID is its access log's).
 */
export function readOrCreateRequestIds(
  get: (name: string) => string | undefined,
  platformRequestId?: string,
): RequestIds {
  return {
    requestId: acceptableId(get(REQUEST_ID_HEADER)) ?? platformRequestId ?? newRequestId(),
    correlationId: acceptableId(get(CORRELATION_ID_HEADER)) ?? newRequestId(),
  };
}

function acceptableId(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed !== undefined && ACCEPTABLE_ID.test(trimmed) ? trimmed : undefined;
}
