import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import { PartnerStateError } from '../../hub/credentials/hub-initiated.service';
import {
  DuplicatePartyError,
  PartnerChangedError,
  PartnerNotFoundError,
} from '../../hub/partners/partner.service';
import { formatIssuePath, OcpiError } from '../../ocpi/errors';
import type { HubEnv } from '../http-env';
import { RateLimitedError } from '../middleware/rate-limits';

/** The admin API's error shape (README "Admin API"): `{ error: { code, message } }` with a 4xx. */
export class AdminError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  static validation(error: z.core.$ZodError): AdminError {
    const issue = error.issues[0];
    const field = issue ? formatIssuePath(issue.path) : '';
    return new AdminError(
      400,
      'invalid_request',
      field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid request'),
    );
  }
}

export function adminErrorHandler(): ErrorHandler<HubEnv> {
  return function onAdminError(err, c) {
    if (err instanceof RateLimitedError) {
      c.header('Retry-After', String(err.exceeded.retryAfterSeconds));
      return c.json({ error: { code: 'rate_limited', message: err.message } }, 429);
    }
    const known = toAdminError(err);
    if (known) return c.json({ error: { code: known.code, message: known.message } }, known.status);
    c.get('log')?.error('unhandled admin error', { error: err });
    return c.json(
      { error: { code: 'internal', message: 'internal error; the request id identifies it in our logs' } },
      500,
    );
  };
}

export function adminNotFound(): NotFoundHandler<HubEnv> {
  return function onAdminNotFound(c) {
    return c.json(
      { error: { code: 'not_found', message: `no admin endpoint at ${c.req.method} ${c.req.path}` } },
      404,
    );
  };
}

function toAdminError(err: unknown): AdminError | undefined {
  if (err instanceof AdminError) return err;
  if (err instanceof PartnerNotFoundError) return new AdminError(404, 'partner_not_found', err.message);
  if (err instanceof DuplicatePartyError) return new AdminError(409, 'party_taken', err.message);
  if (err instanceof PartnerStateError) return new AdminError(409, 'partner_state', err.message);
  if (err instanceof PartnerChangedError) return new AdminError(409, 'conflict', `${err.message}; retry`);
  // Handshake failures towards the partner (3001/3002/3003 and friends): the partner, not the admin
  // request, is at fault, so the admin sees why with a 502.
  if (err instanceof OcpiError) return new AdminError(502, 'partner_handshake_failed', err.message);
  if (err instanceof HTTPException && err.status < 500) {
    return new AdminError(err.status as ContentfulStatusCode, 'bad_request', err.message || 'bad request');
  }
  return undefined;
}
