/**
 * URL joining for partner endpoints. Partners advertise URLs with and without trailing slashes (the
 * 2.2.1-d2 examples dropped them; ocpi-notes §2.1), and some answer the other spelling with a redirect
 * (which the hub never follows). So an advertised URL is used exactly as advertised when nothing is
 * appended, and a join never doubles nor drops a slash: `…/locations/` + `NL` is `…/locations/NL`.
 */

/**
 * Appends path segments, each percent-encoded; empty segments are skipped. Without segments the base
 * comes back exactly as given (trailing slash and all). The base's own path is kept as advertised, only
 * its trailing slashes give way to the appended segments. Throws on an invalid base.
 */
export function joinUrl(base: string, ...segments: string[]): string {
  const url = new URL(base);
  const suffix = segments
    .filter((s) => s !== '')
    .map((s) => `/${encodeURIComponent(s)}`)
    .join('');
  if (suffix === '') return base;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${suffix}`;
  return url.toString();
}

/**
 * Sets query parameters (replacing same-named ones); undefined values are skipped. With nothing to set
 * the URL comes back exactly as given.
 */
export function withQuery(
  url: string,
  params: Record<string, string | number | boolean | undefined>,
): string {
  const defined = Object.entries(params).filter(([, value]) => value !== undefined);
  if (defined.length === 0) return url;
  const out = new URL(url);
  for (const [name, value] of defined) out.searchParams.set(name, String(value));
  return out.toString();
}
