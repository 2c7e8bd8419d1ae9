import type { AttackNetwork, AttackParty, PartyRef } from './attack-network';
import { type ProbeAnswer, probe, tokenHeader } from './probe';

export interface PartyRequestOptions {
  body?: unknown;
  /** OCPI-from-*: the party's own by default; false leaves the headers out. */
  from?: PartyRef | false;
  to?: PartyRef;
  /** Send to this tenant's URL (the party's token stays the same). */
  tenant?: string;
  /** Another token than the party's current one. */
  token?: string;
  headers?: Record<string, string>;
}

/**
 * A request of a registered party with its own token: `path` below `/{tenant}/ocpi/2.2.1`, or a full
 * URL (a Link the hub handed out).
 */
export function asParty(
  net: AttackNetwork,
  who: AttackParty,
  method: string,
  path: string,
  opts: PartyRequestOptions = {},
): Promise<ProbeAnswer> {
  const url = /^https?:\/\//.test(path) ? path : net.ocpiUrl(opts.tenant ?? who.tenant, path);
  const from = opts.from === undefined ? who.party : opts.from;
  const headers: Record<string, string> = {
    Authorization: tokenHeader(opts.token ?? (who.platform.hubToken as string)),
    ...(from ? { 'OCPI-from-country-code': from.country_code, 'OCPI-from-party-id': from.party_id } : {}),
    ...(opts.to
      ? { 'OCPI-to-country-code': opts.to.country_code, 'OCPI-to-party-id': opts.to.party_id }
      : {}),
    ...(opts.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...opts.headers,
  };
  const body =
    opts.body === undefined
      ? undefined
      : typeof opts.body === 'string'
        ? opts.body
        : JSON.stringify(opts.body);
  return probe({ method, url, headers, ...(body === undefined ? {} : { body }) });
}

/** The envelope's data of an answer (undefined when there is none). */
// biome-ignore lint/suspicious/noExplicitAny: attacks read arbitrary OCPI JSON.
export const dataOf = (answer: ProbeAnswer): any => (answer.json as { data?: unknown } | undefined)?.data;

export const statusOf = (answer: ProbeAnswer) =>
  `HTTP ${answer.status} / ${(answer.json as { status_code?: number } | undefined)?.status_code}`;

/** Whether the answer is HTTP 2xx with OCPI status 1000 (what a seeding step needs). */
export function isSuccess(answer: ProbeAnswer): boolean {
  return answer.status < 300 && (answer.json as { status_code?: number } | undefined)?.status_code === 1000;
}

/** The next-page URL of an answer's Link header. */
export function nextLink(answer: ProbeAnswer): string | undefined {
  const link = answer.headers.link;
  const value = Array.isArray(link) ? link[0] : link;
  return value ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(value)?.[1] : undefined;
}
