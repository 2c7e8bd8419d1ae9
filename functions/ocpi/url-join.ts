/**
 * URL joining for partner endpoints. Partners advertise URLs with and without trailing slashes (the
 * 2.2.1-d2 examples dropped them; ocpi-notes §2.1), so joins must never yield `//` in the path.
 */

/** Appends path segments, each percent-encoded; empty segments are skipped. Throws on an invalid base. */
export function joinUrl(base: string, ...segments: string[]): string {
  const url = new URL(base);
  const basePath = url.pathname.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  const suffix = segments
    .filter((s) => s !== '')
    .map((s) => `/${encodeURIComponent(s)}`)
    .join('');
  url.pathname = `${basePath}${suffix}` || '/';
  return url.toString();
}

/** Sets query parameters (replacing same-named ones); undefined values are skipped. */
export function withQuery(
  url: string,
  params: Record<string, string | number | boolean | undefined>,
): string {
  const out = new URL(url);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) out.searchParams.set(name, String(value));
  }
  return out.toString();
}
