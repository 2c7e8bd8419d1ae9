import type { OutboxItem } from '../../../functions/store/outbox.repository';
import type { SimulatedPlatform } from '../../partners';
import { PlatformPool } from '../../support/platforms';
import { startTestHub, type TestHub } from '../../support/test-hub';

export const HUB = { country_code: 'NL', party_id: 'HUB' };
export const CP1 = { country_code: 'NL', party_id: 'CP1' };
export const CP2 = { country_code: 'DE', party_id: 'CP2' };
export const EM1 = { country_code: 'NL', party_id: 'EM1' };
export const EM2 = { country_code: 'BE', party_id: 'EM2' };

export interface Network {
  hub: TestHub;
  cpo1: SimulatedPlatform;
  cpo2: SimulatedPlatform;
  emsp1: SimulatedPlatform;
  emsp2: SimulatedPlatform;
  /** Outbox messages the hub queued for one stored object, e.g. `locations:NL*CP1*LOC1`. */
  outbox(objectKey: string): Promise<OutboxItem[]>;
  close(): Promise<void>;
}

/** The real hub with two CPOs and two eMSPs registered through the admin API and the credentials handshake. */
export async function startNetwork(): Promise<Network> {
  const hub = await startTestHub();
  const pool = new PlatformPool();
  const join = async (role: 'CPO' | 'EMSP', party: { country_code: string; party_id: string }) =>
    (await pool.registered(hub, role, party.party_id, { countryCode: party.country_code })).platform;
  const [cpo1, cpo2, emsp1, emsp2] = await Promise.all([
    join('CPO', CP1),
    join('CPO', CP2),
    join('EMSP', EM1),
    join('EMSP', EM2),
  ]);
  const store = hub.runtime.stores.forTenant(hub.config.tenants[0]?.id ?? 'demo');
  return {
    hub,
    cpo1: cpo1!,
    cpo2: cpo2!,
    emsp1: emsp1!,
    emsp2: emsp2!,
    async outbox(objectKey) {
      return store.outbox.listAfter(objectKey, undefined, 1000);
    },
    async close() {
      await pool.closeAll();
      await hub.stop();
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary OCPI objects out of answers
export type Envelope = { status_code: number; status_message?: string; timestamp: string; data?: any };

/** The OCPI envelope of a hub answer. */
export const envelopeOf = (res: { body: unknown }) => res.body as Envelope;
