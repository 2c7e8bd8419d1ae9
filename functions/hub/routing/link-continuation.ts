import { randomBytes } from 'node:crypto';
import { HubError, InvalidParametersError } from '../../ocpi/errors';
import { parseLinkHeader } from '../../ocpi/pagination';
import { safeUrlForLogs } from '../../outbound/safe-url';
import type { LinkContinuation } from '../../store/forward-link.repository';
import type { TenantContext } from '../hub-runtime';
import { LINK_QUERY_PARAM } from '../hub-urls';
import { leniencyFor } from '../partners/leniency';

/**
 * Pagination `Link` of forwarded list GETs (ocpi-notes §3.6, §10.3): the requester has no token for the
 * receiver's platform, so the receiver's next-page URL is kept here and the requester gets a hub URL
 * `<public base>/<tenant>/ocpi/2.2.1/<interface>/<module>?link=<id>` (hub-urls.ts) that continues the pull through the hub. The
 * mapping never leaves the hub: no partner URL or token appears in the hub URL.
 */
export { LINK_QUERY_PARAM };
/** How long a page link stays usable; a full pull of a big network takes minutes, not hours. */
export const LINK_TTL_MS = 60 * 60 * 1000;

const LINK_ID = /^[A-Za-z0-9_-]{22}$/;

export type { LinkContinuation };

/** Stores the receiver's next URL and returns the hub URL that stands for it. */
async function createLinkContinuation(
  ctx: TenantContext,
  link: Omit<LinkContinuation, 'id' | 'expires_at'>,
): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  await ctx.store.forwardLinks.put({ ...link, id, expires_at: ctx.runtime.now() + LINK_TTL_MS });
  return ctx.urls.pageLink(link.module, link.targetInterface, id);
}

/**
 * The receiver's `Link` header as a hub URL; undefined when there is no next page. `page.url` is the
 * URL just called. Only a next page on that URL's origin (or its host, `sameHostLink`) is followed: the hub presents its token for
 * this partner there, and a Link to another host would hand that token to whoever runs it. A next
 * page the hub cannot offer is 4000, never a silently dropped Link: the union of all pages is "the
 * new truth" (ocpi-notes §1.5), so a requester must not take a truncated pull for a complete one.
 */
export async function hubLinkFor(
  ctx: TenantContext,
  linkHeader: string | undefined,
  page: Omit<LinkContinuation, 'id' | 'expires_at'>,
): Promise<string | undefined> {
  const raw = parseLinkHeader(linkHeader);
  if (!raw) return undefined;
  let next: URL | undefined;
  try {
    next = sameHostLink(ctx, new URL(raw, page.url), new URL(page.url), page.partner_id);
  } catch {
    next = undefined;
  }
  if (!next || next.origin !== new URL(page.url).origin) {
    leniencyFor(ctx, page.partner_id).note('link_other_host');
    ctx.log.warn('refused a page link to another origin', { url: next ? safeUrlForLogs(next) : '(invalid)' });
    throw new HubError(
      "the receiver's next-page link points outside its own platform; the hub does not follow it",
    );
  }
  try {
    return await createLinkContinuation(ctx, { ...page, url: next.toString() });
  } catch (error) {
    ctx.log.error('could not store a page link', { error });
    throw new HubError('the hub could not keep the next-page link; retry the pull');
  }
}

/**
 * A Link on the called host with another scheme (a platform behind a TLS-terminating proxy that builds
 * its links from the inner request) is read as the same link on the called origin (tolerant reader,
 * issue #11): the hub keeps talking to the origin the partner advertised and counts the deviation.
 * A link with another host, or another explicit port, stays as it is (and is refused by the caller).
 */
function sameHostLink(ctx: TenantContext, next: URL, called: URL, partnerId: string): URL {
  if (next.protocol === called.protocol || next.hostname !== called.hostname) return next;
  if (next.port !== '' && next.port !== called.port) return next;
  leniencyFor(ctx, partnerId).note('link_scheme_differs');
  return new URL(`${next.pathname}${next.search}`, called.origin);
}

/**
 * The stored continuation named by `query.link`; undefined when the query has no link. A malformed,
 * unknown or expired link is 2001 naming `link` (the requester should restart the pull).
 */
export async function resolveLinkContinuation(
  ctx: TenantContext,
  query: Record<string, string | undefined>,
): Promise<LinkContinuation | undefined> {
  const id = query[LINK_QUERY_PARAM];
  if (id === undefined) return undefined;
  const link = LINK_ID.test(id) ? await ctx.store.forwardLinks.get(id) : undefined;
  if (!link || link.expires_at <= ctx.runtime.now()) throw unknownLink();
  return link;
}

/** One message for unknown, expired and foreign links: a link id reveals nothing about other pulls. */
export function unknownLink(): InvalidParametersError {
  return new InvalidParametersError('unknown or expired page link; restart the pull', LINK_QUERY_PARAM);
}
