import type { TokenEncoding } from '../../domain/partner';
import { parseEnvelope } from '../../ocpi/envelope';
import { withoutNulls } from '../../ocpi/schemas/nulls';
import { OutboundError } from '../../outbound/errors';
import type { PartnerHttpMethod, PartnerResponse } from '../../outbound/partner-http-client';
import { safeUrlForLogs } from '../../outbound/safe-url';
import type { TenantContext } from '../hub-runtime';
import { IGNORED_LENIENCIES, type Leniencies } from '../partners/leniency';
import { sendPartnerRequest } from '../partners/partner-request';

/** Why a call to a partner's configuration endpoint did not give usable data. */
export class PartnerApiError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'unauthorized' | 'http_error' | 'not_ocpi' | 'ocpi_error',
    message: string,
    readonly httpStatus?: number,
    readonly ocpiStatus?: number,
  ) {
    super(message);
  }
}

export interface PartnerCall {
  method: PartnerHttpMethod;
  url: string;
  token: string;
  /** Preferred encoding; the other one is tried once when the partner answers 401 or 403. */
  encoding: TokenEncoding;
  body?: unknown;
  correlationId?: string;
  /** `object`: the data is one object, so a one-element list is unwrapped (tolerant reader). */
  expect?: 'object' | 'list';
  /** Where the deviations the tolerant reader accepted are counted (issue #11). */
  leniencies?: Leniencies;
}

export interface PartnerAnswer {
  data: unknown;
  /** The encoding the partner accepted. */
  encoding: TokenEncoding;
  response: PartnerResponse;
}

/**
 * One OCPI call to a partner's configuration endpoint (versions, details, credentials), read as an
 * envelope with status 1000. Tolerant reader (ocpi-notes §1.1, §10.1): partners disagree on whether the
 * token is base64-encoded, and some answer 403 where 401 is due, so on either the other encoding is
 * tried once and the one that worked is reported back to be remembered per partner.
 */
export async function callPartner(ctx: TenantContext, call: PartnerCall): Promise<PartnerAnswer> {
  const first = await send(ctx, call, call.encoding);
  if (first.status !== 401 && first.status !== 403) return read(first, call.encoding, call);
  const leniencies = call.leniencies ?? IGNORED_LENIENCIES;
  if (first.status === 403) leniencies.note('status_403_for_401');
  // The first refusal is the one the admin must see: the retry only guessed at the partner's encoding,
  // and its own failure (a 404 of a token the partner does not know at all) would hide the real cause.
  const refused = new PartnerApiError(
    'unauthorized',
    `${describe(call)} refused our token (${httpAnswer(first)})`,
    first.status,
    parseEnvelope(first.json)?.status_code,
  );
  const other: TokenEncoding = call.encoding === 'base64' ? 'raw' : 'base64';
  const retry = `a retry with the ${other === 'raw' ? 'raw' : 'base64-encoded'} token also failed`;
  let second: PartnerResponse;
  try {
    second = await send(ctx, call, other);
  } catch (err) {
    throw withRetryNote(refused, `${retry}: ${(err as Error).message}`);
  }
  if (second.status === 401 || second.status === 403)
    throw withRetryNote(refused, `${retry} (${httpAnswer(second)})`);
  try {
    const answer = read(second, other, call);
    if (other === 'raw') leniencies.note('raw_token');
    return answer;
  } catch (err) {
    throw withRetryNote(refused, `${retry}: ${(err as Error).message}`);
  }
}

function withRetryNote(error: PartnerApiError, note: string): PartnerApiError {
  return new PartnerApiError(error.kind, `${error.message}; ${note}`, error.httpStatus, error.ocpiStatus);
}

/** `HTTP 401` with the partner's status message when its answer carries one. */
function httpAnswer(response: PartnerResponse): string {
  const message = parseEnvelope(response.json)?.status_message;
  return `HTTP ${response.status}${message ? `: ${message}` : ''}`;
}

async function send(
  ctx: TenantContext,
  call: PartnerCall,
  encoding: TokenEncoding,
): Promise<PartnerResponse> {
  try {
    const sent = await sendPartnerRequest(ctx, {
      method: call.method,
      url: call.url,
      credentials: { token: call.token, encoding },
      ...(call.correlationId ? { correlationId: call.correlationId } : {}),
      ...(call.body !== undefined ? { bodyText: JSON.stringify(call.body) } : {}),
    });
    return sent.response;
  } catch (err) {
    if (err instanceof OutboundError)
      throw new PartnerApiError('unreachable', `${describe(call)} failed: ${err.message}`);
    throw err;
  }
}

function read(response: PartnerResponse, encoding: TokenEncoding, call: PartnerCall): PartnerAnswer {
  const where = safeUrlForLogs(call.url);
  if (response.status < 200 || response.status >= 300) {
    const envelope = parseEnvelope(response.json);
    throw new PartnerApiError(
      'http_error',
      `${where} answered HTTP ${response.status}${envelope?.status_message ? `: ${envelope.status_message}` : ''}`,
      response.status,
      envelope?.status_code,
    );
  }
  const envelope = parseEnvelope(response.json);
  if (!envelope)
    throw new PartnerApiError('not_ocpi', `${where} did not answer with an OCPI envelope`, response.status);
  if (envelope.status_code < 1000 || envelope.status_code >= 2000) {
    throw new PartnerApiError(
      'ocpi_error',
      `${where} answered OCPI status ${envelope.status_code}${envelope.status_message ? `: ${envelope.status_message}` : ''}`,
      response.status,
      envelope.status_code,
    );
  }
  return { data: tolerated(envelope.data, call), encoding, response };
}

/** The data in the spec's shape: a one-element list where an object is due unwrapped, nulls dropped. */
function tolerated(data: unknown, call: PartnerCall): unknown {
  const leniencies = call.leniencies ?? IGNORED_LENIENCIES;
  let value = data;
  if (call.expect === 'object' && Array.isArray(value) && value.length === 1) {
    leniencies.note('list_wrapped_object');
    value = value[0];
  }
  const normalized = withoutNulls(value);
  if (normalized !== value) leniencies.note('null_fields');
  return normalized;
}

function describe(call: PartnerCall): string {
  return `${call.method} ${safeUrlForLogs(call.url)}`;
}
