import { vi } from 'vitest';

export interface LogLine {
  level?: string;
  message?: string;
  security_event?: string;
  [key: string]: unknown;
}

export interface LogCapture {
  /** Everything written to stdout and stderr since the capture started (or was cleared). */
  text(): string;
  /** The JSON log lines among it. */
  lines(): LogLine[];
  /** The security events named `event`. */
  securityEvents(event: string): LogLine[];
  clear(): void;
}

/**
 * Captures what the hub's logger writes (Powertools writes INFO/DEBUG to stdout and WARN/ERROR to
 * stderr), so a test can assert on the real log output, redaction included. Call it before the hub
 * starts; vitest restores the spies with `vi.restoreAllMocks()`.
 */
export function captureLogs(): LogCapture {
  let chunks: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return write(chunk, ...(rest as []));
    });
  }
  const lines = (): LogLine[] =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      });
  return {
    text: () => chunks.join(''),
    lines,
    securityEvents: (event) => lines().filter((line) => line.security_event === event),
    clear: () => {
      chunks = [];
    },
  };
}

/** Every form a token could take in a table dump or a log line. */
export function tokenForms(token: string): string[] {
  return [token, Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url')];
}
