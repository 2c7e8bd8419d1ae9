import type { SimulatedPlatform } from '../../test/partners';
import { type BenchHub, tokenHeader } from './bench-hub';
import type { LoadRequest } from './load-protocol';
import { sampleLocation } from './sample-location';

export const CPO = { country_code: 'NL', party_id: 'CP1' } as const;
export const EMSP = { country_code: 'NL', party_id: 'EM1' } as const;
export const LOCATION_ID = 'LOC1';

/** A request ready for the load generator: where to send it and what. */
export interface Target {
  origin: string;
  request: LoadRequest;
}

export interface RoutedPair {
  cpo: SimulatedPlatform;
  emsp: SimulatedPlatform;
  /** The eMSP's GET of one location through the hub (OCPI-to = the CPO: forwarded, not from the store). */
  viaHub: Target;
  /** The same GET straight to the CPO's Sender, with the token the hub would present. */
  direct: Target;
}

/** A registered CPO and eMSP at `bench`, the CPO serving one location from its Sender interface. */
export async function connectRoutedPair(bench: BenchHub, tenant?: string): Promise<RoutedPair> {
  const cpo = await bench.connect({ role: 'CPO', ...CPO }, tenant);
  const emsp = await bench.connect({ role: 'EMSP', ...EMSP }, tenant);
  cpo.seed('locations', [sampleLocation(CPO, LOCATION_ID, '2024-05-01T10:00:00Z')]);
  const hubSender = emsp.hubEndpoints.find((e) => e.identifier === 'locations' && e.role === 'SENDER');
  if (!hubSender) throw new Error('the hub advertised no locations SENDER endpoint');
  const viaHub = targetOf(`${hubSender.url}/${LOCATION_ID}`, {
    Authorization: tokenHeader(emsp.hubToken),
    'X-Request-ID': 'bench-request',
    'X-Correlation-ID': 'bench-correlation',
    'OCPI-from-country-code': EMSP.country_code,
    'OCPI-from-party-id': EMSP.party_id,
    'OCPI-to-country-code': CPO.country_code,
    'OCPI-to-party-id': CPO.party_id,
  });
  const direct = targetOf(`${cpo.endpointUrl('locations', 'SENDER')}/${LOCATION_ID}`, {
    ...viaHub.request.headers,
    Authorization: tokenHeader(cpo.inboundToken),
  });
  return { cpo, emsp, viaHub, direct };
}

export function targetOf(
  url: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Target {
  const u = new URL(url);
  return { origin: u.origin, request: { method, path: `${u.pathname}${u.search}`, headers, body } };
}

/** One request before the load: a wrong setup must fail loudly, not measure error pages fast. */
export async function assertAnswersLocation(target: Target): Promise<void> {
  const res = await fetch(`${target.origin}${target.request.path}`, { headers: target.request.headers });
  const body = (await res.json()) as { status_code?: number; data?: { id?: string } };
  if (res.status !== 200 || body.status_code !== 1000 || body.data?.id !== LOCATION_ID) {
    throw new Error(
      `${target.origin}${target.request.path} answered HTTP ${res.status}: ${JSON.stringify(body)}`,
    );
  }
}
