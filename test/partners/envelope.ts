import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { formatOcpiDateTime } from '../../functions/ocpi/datetime';
import type { OcpiEnvelope } from './types';

/** Builds the OCPI response envelope (ocpi-notes §1.3). */
export function envelope<T>(data: T | undefined, statusCode = 1000, message?: string): OcpiEnvelope<T> {
  const body: OcpiEnvelope<T> = { status_code: statusCode, timestamp: formatOcpiDateTime(Date.now()) };
  if (data !== undefined) body.data = data;
  if (message) body.status_message = message;
  return body;
}

export function ocpiReply(
  c: Context,
  data: unknown,
  options: { http?: number; code?: number; message?: string } = {},
): Response {
  return c.json(
    envelope(data, options.code ?? 1000, options.message),
    (options.http ?? 200) as ContentfulStatusCode,
  );
}
