import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { Target } from './target';

const TIMEOUT_MS = 60_000;

/**
 * The admin API over HTTP (README "Admin API"): the CLI's only way to the hub. Answers that are not
 * 2xx become a CliError with the exit code of their kind and the hub's own message; the admin token is
 * sent, never shown.
 */
export class AdminClient {
  constructor(private readonly target: Target) {}

  get tenant(): string {
    return this.target.tenant;
  }

  /** `path` is below `/{tenant}/admin`, its segments already encoded (see `segment`). */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.target.url}/${segment(this.target.tenant)}/admin${path}`;
    return request<T>(url, {
      method,
      headers: {
        Authorization: `Bearer ${this.target.token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

/** `GET <base>/health`: no tenant, no token. */
export function health(baseUrl: string): Promise<unknown> {
  return request(`${baseUrl}/health`, { method: 'GET', headers: { Accept: 'application/json' } });
}

export const segment = (value: string) => encodeURIComponent(value);

async function request<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new CliError(EXIT.unreachable, `cannot reach the hub at ${new URL(url).origin}: ${reason(err)}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.ok && json !== undefined) return json as T;
  if (res.ok) throw new CliError(EXIT.failed, `the hub answered HTTP ${res.status} without JSON`);
  throw new CliError(exitCodeOf(res.status), failureMessage(res, json));
}

function exitCodeOf(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.unauthorized;
  if (status === 429) return EXIT.rateLimited;
  if (status >= 500) return EXIT.failed;
  return EXIT.refused;
}

/** The admin error shape `{ error: { code, message } }`; API Gateway and WAF answer `{ message }`. */
function failureMessage(res: Response, json: unknown): string {
  const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const text =
    typeof error?.message === 'string'
      ? `${typeof error.code === 'string' ? `${error.code}: ` : ''}${error.message}`
      : typeof (json as { message?: unknown } | undefined)?.message === 'string'
        ? String((json as { message: string }).message)
        : res.statusText || 'no details';
  const retry = res.headers.get('retry-after');
  return `HTTP ${res.status} ${text}${res.status === 429 && retry ? ` (retry after ${retry} s)` : ''}`;
}

function reason(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
