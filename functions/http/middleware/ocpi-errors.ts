import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { envelopeFromError, errorEnvelope } from '../../ocpi/envelope';
import { InvalidParametersError, NotFoundError, OcpiError } from '../../ocpi/errors';
import { CORRELATION_ID_HEADER, REQUEST_ID_HEADER } from '../../ocpi/request-ids';
import { SchemaValidationError } from '../../ocpi/schemas/validate';
import { OcpiStatus } from '../../ocpi/status-codes';
import type { HubEnv } from '../http-env';
import { RateLimitedError } from './rate-limits';

/**
 * The one error path of the OCPI app: typed errors become the envelope with their own HTTP status
 * (mapped by instanceof, never by message text); anything unexpected is logged and answered 3000
 * without a stack trace.
 */
export function ocpiErrorHandler(): ErrorHandler<HubEnv> {
  return function onOcpiError(err, c) {
    if (err instanceof RateLimitedError) {
      c.header('Retry-After', String(err.exceeded.retryAfterSeconds));
      return respond(c, 429, errorEnvelope(OcpiStatus.CLIENT_ERROR, err.message));
    }
    const ocpiError = toOcpiError(err);
    if (ocpiError) return respond(c, ocpiError.httpStatus, envelopeFromError(ocpiError));
    if (err instanceof HTTPException && err.status < 500) {
      return respond(c, err.status, errorEnvelope(OcpiStatus.CLIENT_ERROR, err.message || 'client error'));
    }
    c.get('log')?.error('unhandled error', { error: err });
    return respond(
      c,
      500,
      errorEnvelope(OcpiStatus.SERVER_ERROR, 'internal error; the request id identifies it in our logs'),
    );
  };
}

export function ocpiNotFound(): NotFoundHandler<HubEnv> {
  return function onOcpiNotFound(c) {
    return respond(
      c,
      404,
      envelopeFromError(new NotFoundError(`no OCPI endpoint at ${c.req.method} ${c.req.path}`)),
    );
  };
}

function toOcpiError(err: unknown): OcpiError | undefined {
  if (err instanceof OcpiError) return err;
  if (err instanceof SchemaValidationError) return new InvalidParametersError(err.message, err.fieldPath);
  return undefined;
}

function respond(c: Context<HubEnv>, status: number, body: object) {
  // Echo ids here too: the request-context middleware's finally block does not run for thrown errors
  // answered by onError.
  const ids = c.get('ids');
  if (ids) {
    c.header(REQUEST_ID_HEADER, ids.requestId);
    c.header(CORRELATION_ID_HEADER, ids.correlationId);
  }
  return c.json(body, status as ContentfulStatusCode);
}
