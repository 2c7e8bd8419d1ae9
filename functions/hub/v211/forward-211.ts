import { endpointUrl, type Partner } from '../../domain/partner';
import { parseEnvelope } from '../../ocpi/envelope';
import { AuthorizationInfo211Schema, CommandResponse211Schema } from '../../ocpi/v211/schemas';
import { authorizationInfoTo221, commandResponseTo221, type LossLog } from '../../ocpi/v211/translate';
import type { PartnerResponse } from '../../outbound/partner-http-client';
import type { TenantContext } from '../hub-runtime';
import { getStoredToken } from '../objects/tokens.service';
import { speaks211 } from './link-211';
import { inPartnerVersion } from './outbound-211';
import { forwardedDataFrom211 } from './pages-from-211';

/** What the forwarder sends (routing/forwarder.ts Hop), as far as the version matters. */
export interface HopRequest {
  module: string;
  targetInterface: 'SENDER' | 'RECEIVER';
  method: string;
  url: string;
  bodyText?: string;
}

/** The hub's timeout for a command answered by a 2.1.1 CPO, which states none (ocpi-notes §6). */
const COMMAND_TIMEOUT_211_S = 30;

/**
 * A forwarded request in the target partner's version (docs/ocpi-2.1.1-translation.md): toward a
 * 2.1.1 partner the body is translated, a token's `?type=` and the routing headers are left out.
 */
export async function hopInPartnerVersion<H extends HopRequest>(
  ctx: TenantContext,
  partner: Partner,
  hop: H,
): Promise<H & { routingHeaders: boolean }> {
  if (!speaks211(partner)) return { ...hop, routingHeaders: true };
  const endpoint = endpointUrl(partner, hop.module, hop.targetInterface) ?? '';
  const sent = await inPartnerVersion(ctx, partner, {
    module: hop.module,
    method: hop.method,
    segments: segmentsAfter(endpoint, hop.url),
    ...(hop.bodyText !== undefined ? { bodyText: hop.bodyText } : {}),
  });
  const url = new URL(hop.url);
  if (sent.dropQuery) url.searchParams.delete('type');
  return {
    ...hop,
    url: url.searchParams.size === 0 ? (hop.url.split('?')[0] ?? hop.url) : url.toString(),
    ...(sent.bodyText !== undefined ? { bodyText: sent.bodyText } : {}),
    routingHeaders: false,
  };
}

/**
 * A 2.1.1 partner's answer read as 2.2.1 for the requester: an AuthorizationInfo gets the token asked
 * about, a CommandResponse the hub's timeout, the objects of a GET (a page or one object) become 2.2.1
 * objects owned by the partner's party; status codes stay (2.1.1 codes are 2.2.1 codes). The page's
 * `Link` is rewritten by the forwarder like any other (routing/link-continuation.ts).
 */
export async function answerFromPartnerVersion(
  ctx: TenantContext,
  partner: Partner,
  hop: HopRequest & { to: { country_code: string; party_id: string } },
  response: PartnerResponse,
): Promise<PartnerResponse> {
  if (!speaks211(partner)) return response;
  const envelope = parseEnvelope(response.json);
  if (!envelope || envelope.data === undefined || envelope.status_code !== 1000) return response;
  let data: unknown;
  const url = new URL(hop.url);
  const parts = url.pathname.split('/');
  if (hop.module === 'tokens' && parts.at(-1) === 'authorize') {
    const info = AuthorizationInfo211Schema.safeParse(envelope.data);
    const uid = decodeURIComponent(parts.at(-2) ?? '');
    const token = await getStoredToken(ctx, hop.to, uid, url.searchParams.get('type') ?? 'RFID');
    if (!info.success || !token) return response;
    data = authorizationInfoTo221(info.data, token);
  } else if (hop.module === 'commands' && hop.method === 'POST') {
    const answer = CommandResponse211Schema.safeParse(envelope.data);
    if (!answer.success) return response;
    data = commandResponseTo221(answer.data, COMMAND_TIMEOUT_211_S);
  } else if (hop.method === 'GET') {
    const endpoint = endpointUrl(partner, hop.module, hop.targetInterface) ?? '';
    const get = { ...hop, segments: segmentsAfter(endpoint, hop.url) };
    const losses: LossLog = [];
    data = await forwardedDataFrom211(ctx, hop.to, get, envelope.data, losses);
    if (losses.length > 0)
      ctx.log.warn('translated a forwarded OCPI 2.1.1 answer with losses', {
        module: hop.module,
        partner_id: partner.id,
        losses: losses.map((l) => `${l.field}: ${l.note}`),
      });
  } else {
    return response;
  }
  const json = { ...envelope, data };
  return { ...response, json, bodyText: JSON.stringify(json) };
}

/** The decoded path segments of `url` after the endpoint URL it was built from. */
function segmentsAfter(endpoint: string, url: string): string[] {
  const base = endpoint ? new URL(endpoint).pathname.replace(/\/+$/, '') : '';
  const path = new URL(url).pathname;
  const rest = base && path.startsWith(base) ? path.slice(base.length) : '';
  return rest
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
}
