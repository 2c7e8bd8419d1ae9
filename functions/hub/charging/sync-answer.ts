/**
 * What a CPO's synchronous answer to a command (CommandResponse, commands §13.3.1) or a
 * charging-profile request (ChargingProfileResponse, chargingprofiles §14.4.2) says about the
 * asynchronous result to come. Only an answer that clearly refuses closes the request; anything else
 * (ACCEPTED, an odd shape, a list-wrapped object, an error envelope, no JSON at all) leaves it open
 * until its result or its deadline, so a result the CPO posts later is never dropped (issue #11
 * fault 3).
 */
export type SyncAnswer =
  | { open: true; timeoutS?: number }
  | { open: false; result: 'REJECTED' | 'NOT_SUPPORTED' | 'UNKNOWN_SESSION' };

const REFUSALS = new Set(['REJECTED', 'NOT_SUPPORTED', 'UNKNOWN_SESSION']);

export function readSyncAnswer(httpStatus: number, bodyText: string): SyncAnswer {
  const body = parseJson(bodyText);
  const data = singleObject(isObject(body) ? body.data : undefined);
  const result = isObject(data) && typeof data.result === 'string' ? data.result.toUpperCase() : undefined;
  const success =
    httpStatus >= 200 && httpStatus < 300 && isObject(body) && Number(body.status_code) === 1000;
  if (success && result && REFUSALS.has(result)) {
    return { open: false, result: result as 'REJECTED' | 'NOT_SUPPORTED' | 'UNKNOWN_SESSION' };
  }
  const timeoutS = isObject(data) ? Number(data.timeout) : Number.NaN;
  return Number.isFinite(timeoutS) && timeoutS > 0 ? { open: true, timeoutS } : { open: true };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Real CPOs wrap the one object in a list now and then. */
function singleObject(data: unknown): unknown {
  return Array.isArray(data) && data.length === 1 ? data[0] : data;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
