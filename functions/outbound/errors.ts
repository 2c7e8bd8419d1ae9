/**
 * Errors of the partner HTTP client. Every message is built from a URL already passed through
 * safeUrlForLogs and from fixed text, never from request headers, so it can be logged as is.
 * Callers map them to OCPI outcomes by `instanceof` (e.g. a timed-out forward becomes 4002).
 */
export class OutboundError extends Error {
  /** The target as safe to log: origin + path. */
  readonly url: string;

  constructor(message: string, url: string) {
    super(message);
    this.name = new.target.name;
    this.url = url;
  }
}

/**
 * The URL guard refused the target; nothing was sent and no connection was opened. `reason` may
 * reach the partner or the admin (it is in the message); `detail`, for the security log only, says
 * what a host name resolved to, which the answer must not reveal.
 */
export class OutboundUrlRefusedError extends OutboundError {
  readonly reason: string;
  readonly detail?: string;

  constructor(reason: string, url: string, detail?: string) {
    super(`outbound URL refused (${reason}): ${url}`, url);
    this.reason = reason;
    if (detail !== undefined) this.detail = detail;
  }
}

export class OutboundTimeoutError extends OutboundError {
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number) {
    super(`outbound request to ${url} timed out after ${timeoutMs} ms`, url);
    this.timeoutMs = timeoutMs;
  }
}

export class OutboundResponseTooLargeError extends OutboundError {
  readonly maxResponseBytes: number;

  constructor(url: string, maxResponseBytes: number) {
    super(`response from ${url} exceeds ${maxResponseBytes} bytes`, url);
    this.maxResponseBytes = maxResponseBytes;
  }
}

/**
 * DNS failure, refused or reset connection, TLS failure. Only the error code of the cause is kept
 * (e.g. ECONNREFUSED), not the cause itself, so nothing unvetted reaches a log.
 */
export class OutboundNetworkError extends OutboundError {
  readonly code: string;

  constructor(url: string, code: string) {
    super(`outbound request to ${url} failed: ${code}`, url);
    this.code = code;
  }
}
