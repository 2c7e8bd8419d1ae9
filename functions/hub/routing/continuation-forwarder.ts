import { InvalidParametersError, ReceiverNotConnectedError } from '../../ocpi/errors';
import { sameParty } from '../../ocpi/party';
import { ROUTING_HEADER_NAMES, type RoutingHeaders } from '../../ocpi/routing-headers';
import type { Caller } from '../auth/credential-auth';
import type { TenantContext } from '../hub-runtime';
import { type ForwardResult, type Hop, sendHop } from './forwarder';
import { type LinkContinuation, resolveLinkContinuation, unknownLink } from './link-continuation';
import { resolveConnectedTargets } from './party-resolution';

export interface ContinuationOptions {
  correlationId: string;
  /** The routing headers of the follow-up request, if any: they must name the same parties. */
  routing?: RoutingHeaders;
  timeoutMs?: number;
}

/**
 * Follows a page link the hub handed out (`?link=<id>`, see link-continuation.ts): GETs the receiver's
 * stored next-page URL for the same requester, with the same FROM/TO as the first page, and rewrites
 * that page's Link in turn. A link is usable only by the partner that pulled the first page; anyone
 * else gets the same 2001 as for an unknown link (and a security log event).
 */
export async function forwardContinuation(
  ctx: TenantContext,
  caller: Caller,
  linkId: string,
  opts: ContinuationOptions,
): Promise<ForwardResult> {
  const link = await resolveLinkContinuation(ctx, { link: linkId });
  if (!link) throw unknownLink();
  return forwardLink(ctx, caller, link, opts);
}

/** As forwardContinuation, for a link already resolved with resolveLinkContinuation. */
async function forwardLink(
  ctx: TenantContext,
  caller: Caller,
  link: LinkContinuation,
  opts: ContinuationOptions,
): Promise<ForwardResult> {
  if (!isOwnLink(caller, link)) {
    ctx.log.security('foreign_page_link_refused', {
      partner_id: caller.partner.id,
      link_owner: link.caller_partner_id,
    });
    throw unknownLink();
  }
  if (opts.routing?.from && !sameParty(opts.routing.from, link.from)) {
    throw new InvalidParametersError(
      'differs from the party that started this pull',
      ROUTING_HEADER_NAMES.fromPartyId,
    );
  }
  if (opts.routing?.to && !sameParty(opts.routing.to, link.to)) {
    throw new InvalidParametersError(
      'differs from the party this pull goes to',
      ROUTING_HEADER_NAMES.toPartyId,
    );
  }
  const target = await linkTarget(ctx, link, false);
  const hop: Hop = {
    module: link.module,
    targetInterface: link.targetInterface,
    method: 'GET',
    url: link.url,
    from: link.from,
    to: link.to,
    correlationId: opts.correlationId,
    callerPartnerId: caller.partner.id,
  };
  if (opts.timeoutMs !== undefined) hop.timeoutMs = opts.timeoutMs;
  return sendHop(ctx, target, hop, () => linkTarget(ctx, link, true));
}

/** The partner the first page came from: a link never moves to another partner of the same code. */
async function linkTarget(ctx: TenantContext, link: LinkContinuation, fresh: boolean) {
  const candidates = await resolveConnectedTargets(ctx, link.to, undefined, { fresh });
  const target = candidates.find((c) => c.partner.id === link.partner_id);
  if (target) return target;
  throw new ReceiverNotConnectedError(
    `receiver ${link.to.country_code}/${link.to.party_id} is no longer connected`,
  );
}

function isOwnLink(caller: Caller, link: LinkContinuation): boolean {
  if (link.caller_partner_id !== undefined) return link.caller_partner_id === caller.partner.id;
  return caller.partner.roles.some((r) => sameParty(r, link.from));
}
