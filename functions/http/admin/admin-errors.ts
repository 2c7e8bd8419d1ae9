import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { PartnerNotFoundError } from '../../hub/partner.service';
import { formatIssuePath } from '../../ocpi/errors';
import { DuplicatePartyError } from '../../store/partner.repository';
import type { HubEnv } from '../http-env';

/** The admin API's error shape (design.md "Admin API"): `{ error: { code, message } }` with a 4xx. */
export class AdminError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  static validation(error: z.ZodError): AdminError {
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
  if (err instanceof HTTPException && err.status < 500) {
    return new AdminError(err.status as ContentfulStatusCode, 'bad_request', err.message || 'bad request');
  }
  return undefined;
}
