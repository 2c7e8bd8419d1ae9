import type { Partner } from '../../domain/partner';
import { InvalidParametersError } from '../../ocpi/errors';
import type { TenantContext } from '../hub-runtime';

/**
 * A `response_url` (commands §13.3, chargingprofiles §14.2.2) must point at the caller's own platform:
 * an origin of the versions URL or of an endpoint it registered. Otherwise the hub would hand a CPO an
 * address of the caller's choosing, and the CPO would post its result there with the token it uses
 * towards the hub's side (issue #10). 2001 naming the field; one security event.
 */
export function requireRegisteredOrigin(
  ctx: TenantContext,
  partner: Partner,
  url: string,
  field: string,
): void {
  const origin = originOf(url);
  if (origin && registeredOrigins(partner).has(origin)) return;
  ctx.log.security('response_url_refused', { partner: partner.id, field, origin: origin ?? '(not a URL)' });
  throw new InvalidParametersError(
    'must point at your own platform: the origin of your versions URL or of an endpoint you registered',
    field,
  );
}

function registeredOrigins(partner: Partner): Set<string> {
  const origins = new Set<string>();
  for (const url of [partner.versions_url, ...partner.endpoints.map((e) => e.url)]) {
    const origin = url ? originOf(url) : undefined;
    if (origin) origins.add(origin);
  }
  return origins;
}

/** scheme://host:port, lower-cased, default ports dropped (the WHATWG URL origin). */
function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
