import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs (docs/architecture.md "Cross-cutting rules"). Every line carries the keys of its child
 * (tenant, partner, request_id, correlation_id). No token, Authorization header or token-bearing URL
 * may ever reach a log line: a JSON replacer redacts sensitive keys wherever they appear, and URLs
 * are logged through `safeUrlForLogs` (origin + path; partners put tokens in query strings).
 */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
export type LogFields = Record<string, unknown>;

export interface HubLog {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** One log event per security-relevant fact: auth failures, registrations, rotations, SSRF refusals. */
  security(event: string, fields?: LogFields): void;
  child(keys: LogFields): HubLog;
  /** False when debug lines are dropped: a caller can skip building their fields. */
  readonly debugEnabled?: boolean;
}

/** Powertools' number for DEBUG: higher levels are less verbose. */
const DEBUG_LEVEL = 8;

const SENSITIVE_KEY = /authorization|token|secret|password|credential|cookie|api[-_]?key/i;
/** Keys that contain a sensitive word but only carry metadata about it. */
const SAFE_KEYS = new Set([
  'token_age_seconds',
  'token_kind',
  'token_type',
  'token_encoding',
  'token_ages',
  'admin_token_id',
]);

function redactingReplacer(key: string, value: unknown): unknown {
  if (key && SENSITIVE_KEY.test(key) && !SAFE_KEYS.has(key)) return '[REDACTED]';
  if (value instanceof Error) return { name: value.name, message: redactTokenUids(value.message) };
  if (typeof value === 'string' && value.includes('tokens')) return redactTokenUids(value);
  return value;
}

/**
 * Token UIDs are RFID numbers and contract ids: personal data that has no place in a log line (issue #10,
 * low findings). They travel in the tokens module's paths (`.../tokens/{cc}/{pid}/{uid}`,
 * `.../tokens/{uid}/authorize`) and in the hub's object keys (`tokens:{cc}*{pid}*{uid}*{type}`), which
 * reach logs as request paths, forwarded URLs and outbox keys.
 */
export function redactTokenUids(text: string): string {
  return text
    .replace(/(\/tokens\/)[^/?#\s"]+(\/authorize)/g, '$1[uid]$2')
    .replace(/(\/tokens\/[^/?#\s"]+\/[^/?#\s"]+\/)[^/?#\s"]+/g, '$1[uid]')
    .replace(/(tokens:[^*\s"]+\*[^*\s"]+\*)[^*\s"]+/g, '$1[uid]');
}

/**
 * A child only remembers its keys and adds them to each line: Powertools' own `createChild` builds a
 * whole logger (about 0.3 ms each), and every request makes three children.
 */
class PowertoolsHubLog implements HubLog {
  constructor(
    private readonly logger: Logger,
    /** Fixed at creation (the hub never changes a logger's level): Powertools' `level` getter reads
     * the environment and the invocation store on every call. */
    readonly debugEnabled: boolean,
    private readonly keys: LogFields = {},
  ) {}

  debug(message: string, fields?: LogFields): void {
    // At INFO and above (every deployment), a debug line costs no object merging.
    if (!this.debugEnabled) return;
    this.logger.debug(message, { ...this.keys, ...fields });
  }
  info(message: string, fields?: LogFields): void {
    this.logger.info(message, { ...this.keys, ...fields });
  }
  warn(message: string, fields?: LogFields): void {
    this.logger.warn(message, { ...this.keys, ...fields });
  }
  error(message: string, fields?: LogFields): void {
    this.logger.error(message, { ...this.keys, ...fields });
  }
  security(event: string, fields?: LogFields): void {
    this.logger.warn(`security: ${event}`, { ...this.keys, security_event: event, ...fields });
  }
  child(keys: LogFields): HubLog {
    return new PowertoolsHubLog(this.logger, this.debugEnabled, { ...this.keys, ...keys });
  }
}

export function createLogger(opts: { level?: LogLevel; service?: string } = {}): HubLog {
  const logger = new Logger({
    serviceName: opts.service ?? 'ocpi-hub',
    logLevel: opts.level ?? 'INFO',
    jsonReplacerFn: redactingReplacer,
  });
  return new PowertoolsHubLog(logger, logger.level <= DEBUG_LEVEL);
}
