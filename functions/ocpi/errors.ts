import type * as z from 'zod/mini';
import { OcpiStatus } from './status-codes';

/**
 * An error that ends up as an OCPI envelope. `statusCode` goes in the body, `httpStatus` on the response.
 * Per transport_and_format §5 (ocpi-notes §1.4) a request that reached the OCPI layer gets HTTP 200 with the
 * error in `status_code`; only transport problems (auth, bad JSON, unknown URL, wrong method) use 4xx.
 * Map errors to responses with `instanceof`, never by name or message text.
 */
export class OcpiError extends Error {
  readonly statusCode: number;
  readonly httpStatus: number;

  constructor(message: string, statusCode: number, httpStatus: number) {
    super(message);
    this.name = new.target.name;
    this.statusCode = statusCode;
    this.httpStatus = httpStatus;
  }
}

/** At most this many zod issues are spelled out in one status_message; the rest are counted. */
const MAX_LISTED_ISSUES = 3;

/** 2001: invalid or missing parameters, e.g. a PATCH without last_updated (ocpi-notes §1.4, §1.7). */
export class InvalidParametersError extends OcpiError {
  /** The offending field path or query parameter, when known. */
  readonly field?: string;

  /** `message` describes the problem; when `field` is given the final message is prefixed with it. */
  constructor(message: string, field?: string) {
    super(field ? `invalid parameter: ${field}: ${message}` : message, OcpiStatus.INVALID_PARAMETERS, 200);
    if (field !== undefined) this.field = field;
  }

  /**
   * Turns a zod failure into one 2001 naming the full field path of the first issues, array indexes
   * included (`evses[0].connectors[1].max_voltage`). `prefix` names the root, e.g. `body` or a query name.
   */
  static fromZod(error: z.core.$ZodError, prefix?: string): InvalidParametersError {
    const [first, ...others] = error.issues;
    if (!first) return new InvalidParametersError('invalid parameters', prefix);
    const firstPath = formatIssuePath(first.path, prefix);
    const listedOthers = others.slice(0, MAX_LISTED_ISSUES - 1).map((issue) => {
      const path = formatIssuePath(issue.path, prefix);
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    const unlisted = others.length - listedOthers.length;
    const detail = [first.message, ...listedOthers].join('; ') + (unlisted > 0 ? ` (+${unlisted} more)` : '');
    return firstPath
      ? new InvalidParametersError(detail, firstPath)
      : new InvalidParametersError(`invalid parameter: ${detail}`);
  }
}

/** Renders a zod issue path as `a.b[2].c`, with an optional root prefix. */
export function formatIssuePath(path: readonly PropertyKey[], prefix?: string): string {
  let out = prefix ?? '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** 2000: generic client error. */
export class ClientError extends OcpiError {
  constructor(message = 'client error') {
    super(message, OcpiStatus.CLIENT_ERROR, 200);
  }
}

/** 2002: not enough information, e.g. authorize without the LocationReferences the eMSP needs. */
export class NotEnoughInformationError extends OcpiError {
  constructor(message = 'not enough information') {
    super(message, OcpiStatus.NOT_ENOUGH_INFORMATION, 200);
  }
}

/** 2003: unknown Location, e.g. in a START_SESSION command. */
export class UnknownLocationError extends OcpiError {
  constructor(message = 'unknown location') {
    super(message, OcpiStatus.UNKNOWN_LOCATION, 200);
  }
}

/** 2004: unknown Token in real-time authorization; tokens module §4.1 pairs it with HTTP 404. */
export class UnknownTokenError extends OcpiError {
  constructor(message = 'unknown token') {
    super(message, OcpiStatus.UNKNOWN_TOKEN, 404);
  }
}

/** 3000: generic server error. Still HTTP 200: the request reached the OCPI layer. */
export class ServerError extends OcpiError {
  constructor(message = 'server error') {
    super(message, OcpiStatus.SERVER_ERROR, 200);
  }
}

/** 3001: the client's API could not be used, e.g. versions GET-back failed during credentials POST. */
export class ClientApiUnusableError extends OcpiError {
  constructor(message = 'unable to use the client API') {
    super(message, OcpiStatus.CLIENT_API_UNUSABLE, 200);
  }
}

/** 3002: no mutual version. */
export class UnsupportedVersionError extends OcpiError {
  constructor(message = 'unsupported version') {
    super(message, OcpiStatus.UNSUPPORTED_VERSION, 200);
  }
}

/** 3003: expected endpoints missing during registration. */
export class NoMatchingEndpointsError extends OcpiError {
  constructor(message = 'no matching endpoints') {
    super(message, OcpiStatus.NO_MATCHING_ENDPOINTS, 200);
  }
}

/** 4000-4003: the hub's own routing failures. The spec gives no HTTP status; we answer 200 (ocpi-notes §1.4). */
export class HubError extends OcpiError {
  constructor(message = 'hub error') {
    super(message, OcpiStatus.HUB_ERROR, 200);
  }
}

export class UnknownReceiverError extends OcpiError {
  constructor(message = 'unknown receiver') {
    super(message, OcpiStatus.UNKNOWN_RECEIVER, 200);
  }
}

export class ForwardTimeoutError extends OcpiError {
  constructor(message = 'timeout on forwarded request') {
    super(message, OcpiStatus.FORWARD_TIMEOUT, 200);
  }
}

export class ReceiverNotConnectedError extends OcpiError {
  constructor(message = 'receiver not connected') {
    super(message, OcpiStatus.RECEIVER_NOT_CONNECTED, 200);
  }
}

/*
 * Transport-level errors: the request never reached the OCPI layer (bugfix 5dad8a7: only an
 * authenticated, authorized request does), so an HTTP error status is legal. Still sent as an envelope.
 */
export class UnauthorizedError extends OcpiError {
  constructor(message = 'unauthorized') {
    super(message, OcpiStatus.CLIENT_ERROR, 401);
  }
}

export class ForbiddenError extends OcpiError {
  constructor(message = 'forbidden') {
    super(message, OcpiStatus.CLIENT_ERROR, 403);
  }
}

export class NotFoundError extends OcpiError {
  constructor(message = 'not found') {
    super(message, OcpiStatus.CLIENT_ERROR, 404);
  }
}

/** 405: credentials misuse, e.g. POST when already registered (credentials §1.2). */
export class MethodNotAllowedError extends OcpiError {
  constructor(message = 'method not allowed') {
    super(message, OcpiStatus.CLIENT_ERROR, 405);
  }
}

export class InvalidJsonError extends OcpiError {
  constructor(message = 'request body is not valid JSON') {
    super(message, OcpiStatus.CLIENT_ERROR, 400);
  }
}

export class PayloadTooLargeError extends OcpiError {
  constructor(message = 'payload too large') {
    super(message, OcpiStatus.CLIENT_ERROR, 413);
  }
}
