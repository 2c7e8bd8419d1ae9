import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './address-ranges';
import { OutboundNetworkError, OutboundUrlRefusedError } from './errors';
import { formatIpAddress, parseIpLiteral } from './ip-literal';
import { safeUrlForLogs } from './safe-url';

/** Per tenant (TenantConfig.outbound): both flags are for local development and tests only. */
export type OutboundPolicy = { allowHttp: boolean; allowPrivateAddresses: boolean };

/** Host name -> IP address strings. Injected in tests so no real DNS is ever asked. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export type CheckedUrl = { url: URL; addresses: string[] };

export const resolveWithSystemDns: ResolveHost = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => a.address);
};

/**
 * The one guard every outbound URL passes (docs/architecture.md "Cross-cutting rules"): partner versions
 * URLs, advertised endpoints, response_url, Link. A host is refused if ANY of its addresses is
 * unfit, because the connection may pick any of them.
 */
export async function checkOutboundUrl(
  url: string,
  policy: OutboundPolicy,
  resolve: ResolveHost = resolveWithSystemDns,
  /**
   * Addresses this policy's pool vetted for a host moments ago (pinned-lookup.ts): a hot partner is
   * not resolved and classified again on every request. The scheme and credentials checks still run.
   */
  recentlyVetted?: (hostname: string) => string[] | undefined,
): Promise<CheckedUrl> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundUrlRefusedError('not a valid absolute URL', '(invalid URL)');
  }
  const safeUrl = safeUrlForLogs(parsed);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && policy.allowHttp)) {
    const allowed = policy.allowHttp ? 'https or http' : 'https';
    throw new OutboundUrlRefusedError(`scheme ${parsed.protocol} is not allowed, only ${allowed}`, safeUrl);
  }
  if (parsed.username || parsed.password) {
    throw new OutboundUrlRefusedError('credentials in the URL', safeUrl);
  }
  const known = parsed.hostname ? recentlyVetted?.(parsed.hostname) : undefined;
  const addresses = known ?? (await vetHost(parsed.hostname, policy, resolve, safeUrl));
  return { url: parsed, addresses };
}

/**
 * Resolves a host (IP literals without DNS) and returns its addresses if all are allowed by the
 * policy. Also used at connect time, so the socket only ever goes to a vetted address.
 */
export async function vetHost(
  hostname: string,
  policy: OutboundPolicy,
  resolve: ResolveHost,
  safeUrl: string,
): Promise<string[]> {
  if (!hostname) throw new OutboundUrlRefusedError('no host', safeUrl);
  const literal = parseIpLiteral(hostname);
  const addresses = literal ? [formatIpAddress(literal)] : await resolveOrFail(hostname, resolve, safeUrl);
  if (addresses.length === 0) throw new OutboundUrlRefusedError('host has no address', safeUrl);
  for (const address of addresses) {
    const reason = refusalReasonForAddress(address, policy);
    if (!reason) continue;
    // An IP literal is the caller's own text; what a name resolved to stays in the log.
    if (literal) throw new OutboundUrlRefusedError(reason, safeUrl);
    throw new OutboundUrlRefusedError(NAME_REFUSED, safeUrl, `${hostname} resolves to ${address}: ${reason}`);
  }
  return addresses;
}

/** The refusal of a host name, whatever it resolved to (the address goes to the log only). */
export const NAME_REFUSED = 'the host name resolves to an address the hub does not call';

/** undefined when the policy allows connecting to this address. */
function refusalReasonForAddress(address: string, policy: OutboundPolicy): string | undefined {
  const ip = isIP(address) ? parseIpLiteral(address) : undefined;
  if (!ip) return 'resolver answered with something that is not an IP address';
  const category = classifyAddress(ip);
  if (category === 'public') return undefined;
  if (category === 'metadata') return `address ${address} is a cloud metadata or link-local service address`;
  if (policy.allowPrivateAddresses) return undefined;
  return `address ${address} is ${category}`;
}

async function resolveOrFail(hostname: string, resolve: ResolveHost, safeUrl: string): Promise<string[]> {
  try {
    return await resolve(hostname);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new OutboundNetworkError(safeUrl, typeof code === 'string' ? code : 'DNS lookup failed');
  }
}
