import type { ProbeAnswer } from './probe';
import { failed, REFUSED, SERVED, type Verdict } from './scoreboard';

/** A stack frame, a source path or an exception name in an answer means internals leaked. */
const STACK_TRACE = [
  /\n\s+at\s/,
  /\bat\s[\w$.<>]+\s\([^)]*:\d+:\d+\)/,
  /(functions|node_modules|test)\/[\w./-]+\.(ts|js|mjs)\b/,
  /\b(TypeError|ReferenceError|SyntaxError|RangeError)\b/,
];

/** What is wrong with an answer whatever was asked: a 5xx, a stack trace, a body that is no JSON. */
export function brokenAnswer(answer: ProbeAnswer, api: 'ocpi' | 'admin'): string | undefined {
  if (answer.status >= 500 && !partnerFailed(answer, api)) return `HTTP ${answer.status}`;
  if (STACK_TRACE.some((pattern) => pattern.test(answer.text))) return 'stack trace in the answer';
  if (api === 'ocpi') {
    const body = answer.json as { status_code?: unknown; timestamp?: unknown } | undefined;
    if (typeof body?.status_code !== 'number' || typeof body.timestamp !== 'string')
      return `HTTP ${answer.status} without the OCPI envelope`;
  } else if (answer.status >= 400) {
    const body = answer.json as { error?: { code?: unknown; message?: unknown } } | undefined;
    if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string')
      return `HTTP ${answer.status} without the admin error shape`;
  }
  return undefined;
}

/**
 * The admin API's one documented 5xx (README "Admin API"): 502 when a handshake failed at the partner's
 * side, not because of the request (the admin's connect to a versions URL that refuses it).
 */
function partnerFailed(answer: ProbeAnswer, api: 'ocpi' | 'admin'): boolean {
  const code = (answer.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return api === 'admin' && answer.status === 502 && code === 'partner_handshake_failed';
}

export function statusCodeOf(answer: ProbeAnswer): number | undefined {
  const code = (answer.json as { status_code?: unknown } | undefined)?.status_code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * An OCPI request that must be refused: a 4xx, or HTTP 200 with a 2xxx status code, in the envelope.
 * `refusal` narrows what counts (e.g. exactly 401 for a bad token).
 */
export function mustRefuseOcpi(answer: ProbeAnswer, refusal?: { status: number }): Verdict {
  const broken = brokenAnswer(answer, 'ocpi');
  if (broken) return failed(broken);
  const code = statusCodeOf(answer) ?? 0;
  if (refusal) {
    return answer.status === refusal.status
      ? REFUSED
      : failed(`HTTP ${answer.status} / ${code}, expected HTTP ${refusal.status}`);
  }
  if (answer.status >= 400 && answer.status < 500) return REFUSED;
  if (code >= 2000 && code < 3000) return REFUSED;
  return failed(`accepted: HTTP ${answer.status} / ${code}`);
}

/**
 * A request for something the caller must not get: refused as in mustRefuseOcpi, or not routed at all
 * (4001 unknown receiver, 4003 receiver not connected: there was no one the hub would hand it to).
 */
export function mustNotServe(answer: ProbeAnswer): Verdict {
  const code = statusCodeOf(answer);
  if (answer.status === 200 && (code === 4001 || code === 4003) && !brokenAnswer(answer, 'ocpi'))
    return REFUSED;
  return mustRefuseOcpi(answer);
}

/** An admin request that must be refused with a 4xx in the admin error shape. */
export function mustRefuseAdmin(answer: ProbeAnswer, refusal?: { status: number }): Verdict {
  const broken = brokenAnswer(answer, 'admin');
  if (broken) return failed(broken);
  if (refusal && answer.status !== refusal.status)
    return failed(`HTTP ${answer.status}, expected HTTP ${refusal.status}`);
  if (answer.status >= 400 && answer.status < 500) return REFUSED;
  return failed(`accepted: HTTP ${answer.status}`);
}

/**
 * A request the hub may serve or refuse, but must answer properly: an OCPI 1xxx counts as served, a
 * 4xx or 2xxx as refused; 5xx, 3xxx/4xxx (the hub failing, not the request), no envelope or a stack
 * trace as failed.
 */
export function mustAnswerOcpi(answer: ProbeAnswer): Verdict {
  const broken = brokenAnswer(answer, 'ocpi');
  if (broken) return failed(broken);
  const code = statusCodeOf(answer) ?? 0;
  if (answer.status >= 400) return REFUSED;
  if (code >= 1000 && code < 2000) return SERVED;
  if (code >= 2000 && code < 3000) return REFUSED;
  return failed(`HTTP ${answer.status} / ${code}: the hub failed, not the request`);
}

export function mustAnswerAdmin(answer: ProbeAnswer): Verdict {
  const broken = brokenAnswer(answer, 'admin');
  if (broken) return failed(broken);
  return answer.status >= 400 ? REFUSED : SERVED;
}

/**
 * The hub's own log line for a 5xx (matched by X-Request-ID), appended to a failure so the figures
 * say what broke: "HTTP 500 (RangeError: Maximum call stack size exceeded)".
 */
export function explainServerError(
  verdict: Verdict,
  answer: ProbeAnswer,
  logLines: () => Array<Record<string, unknown>>,
): Verdict {
  if (verdict.outcome !== 'failed' || answer.status < 500) return verdict;
  const requestId = answer.headers['x-request-id'];
  const line = logLines().find((l) => l.request_id === requestId && l.error);
  const error = line?.error as { name?: string; message?: string } | undefined;
  return error ? failed(`${verdict.why} (${error.name}: ${String(error.message).slice(0, 120)})`) : verdict;
}
