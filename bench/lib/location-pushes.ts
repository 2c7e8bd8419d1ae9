import type { ReceivedPush, SimulatedPlatform } from '../../test/partners';
import { tokenHeader } from './bench-hub';
import type { LoadRequest } from './load-protocol';
import { CPO } from './routed-pair';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const iso = (ms: number) => new Date(ms).toISOString();

/** Polls `probe` every 5 ms until it returns a value. */
export async function until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export const patchesOf = (p: SimulatedPlatform) =>
  p.received.filter((r) => r.module === 'locations' && r.method === 'PATCH');
export const putsOf = (p: SimulatedPlatform) =>
  p.received.filter((r) => r.module === 'locations' && r.method === 'PUT');
export const lastUpdatedOf = (r: ReceivedPush) =>
  (r.body as { last_updated?: string } | undefined)?.last_updated;

/** Builds location pushes of the bench CPO for the load generator (its token, its routing headers). */
export function locationPusher(cpo: SimulatedPlatform) {
  const receiver = cpo.hubEndpoints.find((e) => e.identifier === 'locations' && e.role === 'RECEIVER');
  if (!receiver) throw new Error('the hub advertised no locations RECEIVER endpoint');
  const hub = new URL(receiver.url);
  return {
    origin: hub.origin,
    push: (method: string, rest: string, body: unknown): LoadRequest => ({
      method,
      path: `${hub.pathname}/${CPO.country_code}/${CPO.party_id}/${rest}`,
      headers: {
        Authorization: tokenHeader(cpo.hubToken),
        'Content-Type': 'application/json',
        'OCPI-from-country-code': CPO.country_code,
        'OCPI-from-party-id': CPO.party_id,
        'X-Request-ID': 'bench-request',
        'X-Correlation-ID': 'bench-correlation',
      },
      body: JSON.stringify(body),
    }),
  };
}
