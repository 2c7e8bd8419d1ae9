import * as z from 'zod/mini';
import { formatOcpiDateTime } from './datetime';
import type { OcpiError } from './errors';
import { builtOnFirstUse } from './schemas/built-on-first-use';
import { OcpiStatus } from './status-codes';

/** The response envelope every OCPI answer carries, errors included (transport_and_format §4.1.7). */
export type OcpiEnvelope<T> = {
  data?: T;
  status_code: number;
  status_message?: string;
  timestamp: string;
};

/** 1000 envelope. `data` is left out when undefined: where the spec does not define it, omit it. */
export function successEnvelope<T>(
  data?: T,
  message?: string,
  now: Date | number = Date.now(),
): OcpiEnvelope<T> {
  const envelope: OcpiEnvelope<T> = { status_code: OcpiStatus.SUCCESS, timestamp: formatOcpiDateTime(now) };
  if (data !== undefined) envelope.data = data;
  if (message !== undefined) envelope.status_message = message;
  return envelope;
}

/** Error envelope; `data` is unspecified on non-1xxx codes, so it is omitted. */
export function errorEnvelope(
  statusCode: number,
  message: string,
  now: Date | number = Date.now(),
): OcpiEnvelope<never> {
  return { status_code: statusCode, status_message: message, timestamp: formatOcpiDateTime(now) };
}

/** The body for a typed error; the HTTP status to use is `err.httpStatus`. */
export function envelopeFromError(err: OcpiError, now: Date | number = Date.now()): OcpiEnvelope<never> {
  return errorEnvelope(err.statusCode, err.message, now);
}

/**
 * Partners' answers, read tolerantly: unknown fields kept, `status_code` may arrive as a numeric string,
 * `status_message`/`data` may be null, and `timestamp` is not format-checked (many platforms send offsets
 * or omit it; rejecting a whole answer for that would only hide the real status).
 */
export const OcpiEnvelopeSchema = builtOnFirstUse(() =>
  z.looseObject({
    data: z.optional(z.unknown()),
    status_code: z.union([
      z.int(),
      z.pipe(
        z.string().check(z.regex(/^\s*\d{1,6}\s*$/)),
        z.transform((v) => Number(v)),
      ),
    ]),
    status_message: z.pipe(
      z.nullish(z.string()),
      z.transform((v) => v ?? undefined),
    ),
    timestamp: z.pipe(
      z.nullish(z.string()),
      z.transform((v) => v ?? ''),
    ),
  }),
);

/** Parses a partner's response body as an envelope; undefined when it is not one (e.g. an HTML error page). */
export function parseEnvelope(json: unknown): OcpiEnvelope<unknown> | undefined {
  const parsed = OcpiEnvelopeSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { data, status_code, status_message, timestamp, ...rest } = parsed.data;
  const envelope: OcpiEnvelope<unknown> & Record<string, unknown> = { ...rest, status_code, timestamp };
  if (data !== undefined && data !== null) envelope.data = data;
  if (status_message !== undefined) envelope.status_message = status_message;
  return envelope;
}
