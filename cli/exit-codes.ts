/**
 * Exit codes of `ocpi-hub` (README "Operating with the CLI"): scripts branch on them, so each means
 * one kind of outcome and none is reused.
 */
export const EXIT = {
  ok: 0,
  /** The hub refused the request: not found, conflict, invalid input (HTTP 4xx but 401/403/429). */
  refused: 1,
  /** The command line is wrong: unknown command or option, missing argument. */
  usage: 2,
  /** The admin token is missing, unknown, expired or revoked, or the address is not allowed (401/403). */
  unauthorized: 3,
  /** The hub or the partner behind it failed (HTTP 5xx, 502 for a failed handshake). */
  failed: 4,
  /** The hub could not be reached: DNS, connection refused, TLS, no answer in time. */
  unreachable: 5,
  /** No base URL, tenant or token, or the profile file is unreadable or open to other users. */
  config: 6,
  /** Too many requests (HTTP 429): retry after the time the message gives. */
  rateLimited: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An outcome the CLI reports with one sentence on stderr and its exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, message);
export const configError = (message: string) => new CliError(EXIT.config, message);
