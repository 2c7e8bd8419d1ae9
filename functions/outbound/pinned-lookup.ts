import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { type OutboundPolicy, type ResolveHost, vetHost } from './url-guard';

/** How long addresses vetted just before a request are reused for its connection. */
const VETTED_TTL_MS = 30_000;

export type PinnedLookup = {
  /** Given to the pool's keep-alive Agents as their `lookup`, so every socket connects through it. */
  lookup: LookupFunction;
  /** Records what the URL guard vetted for a host, so the connection goes to exactly those addresses. */
  remember(hostname: string, addresses: string[]): void;
  /** The addresses vetted for a host under this policy within VETTED_TTL_MS, if any. */
  recentlyVetted(hostname: string): string[] | undefined;
};

/**
 * Defeats DNS rebinding: the socket never connects to an address the guard has not approved under
 * this policy. A host vetted moments ago connects to those very addresses; any other host name
 * (a later connection of the pool) is resolved and vetted again here.
 */
export function createPinnedLookup(policy: OutboundPolicy, resolve: ResolveHost): PinnedLookup {
  const vetted = new Map<string, { addresses: string[]; expiresAt: number }>();

  function recentlyVetted(hostname: string): string[] | undefined {
    const entry = vetted.get(hostname);
    return entry && entry.expiresAt > Date.now() ? entry.addresses : undefined;
  }

  async function addressesFor(hostname: string): Promise<string[]> {
    return recentlyVetted(hostname) ?? vetHost(hostname, policy, resolve, hostname);
  }

  const lookup: LookupFunction = (hostname, options, callback) => {
    addressesFor(hostname).then(
      (addresses) => {
        const answers = matchingFamily(addresses, options);
        const first = answers[0];
        if (!first) {
          const err: NodeJS.ErrnoException = new Error('no vetted address of the requested family');
          err.code = 'ENOTFOUND';
          callback(err, '');
        } else if (options.all) callback(null, answers);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };

  function remember(hostname: string, addresses: string[]): void {
    const now = Date.now();
    // The guard reused this very entry (recentlyVetted): it keeps its expiry, so a busy host is still
    // resolved and vetted again every VETTED_TTL_MS and a changed DNS answer is picked up.
    const current = vetted.get(hostname);
    if (current?.addresses === addresses && current.expiresAt > now) return;
    for (const [host, entry] of vetted) if (entry.expiresAt <= now) vetted.delete(host);
    vetted.set(hostname, { addresses, expiresAt: now + VETTED_TTL_MS });
  }

  return { lookup, remember, recentlyVetted };
}

function matchingFamily(addresses: string[], options: LookupOptions): LookupAddress[] {
  const wanted = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
  return addresses
    .map((address) => ({ address, family: isIP(address) }))
    .filter((answer) => wanted === 0 || answer.family === wanted);
}
