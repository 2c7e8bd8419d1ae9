/**
 * The form of a URL that may appear in messages and logs: scheme, host, port and path only.
 * Query strings and fragments are dropped because tokens may ride in them, and credentials are
 * dropped because they are credentials (docs/architecture.md "Cross-cutting rules": no token-bearing URL is logged).
 */
export function safeUrlForLogs(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return '(invalid URL)';
  }
  const origin = parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  return `${origin}${parsed.pathname}`;
}
