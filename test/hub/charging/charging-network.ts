import { openTenant, type TenantContext } from '../../../functions/hub/hub-runtime';
import type { SimulatedPlatform } from '../../partners';
import { PlatformPool, type Profile } from '../../support/platforms';
import { startTestHub, type TestHub } from '../../support/test-hub';

type Role = 'CPO' | 'EMSP' | 'SCSP';
export type Party = { country_code: string; party_id: string };

/** The hub with a registered CPO and eMSP (more parties on demand), closed together. */
export interface ChargingNetwork {
  hub: TestHub;
  cpo: SimulatedPlatform;
  emsp: SimulatedPlatform;
  cpoParty: Party;
  emspParty: Party;
  /** Registers one more platform with one role. */
  join(role: Role, partyId: string, profile?: Profile): Promise<SimulatedPlatform>;
  /** A tenant context as the scheduled jobs get it. */
  tenantContext(): TenantContext;
  close(): Promise<void>;
}

export async function startChargingNetwork(
  opts: { now?: () => number; timeoutMs?: number; profile?: Profile } = {},
): Promise<ChargingNetwork> {
  const tenants = [
    {
      id: 'demo',
      name: 'Demo network',
      hub: { country_code: 'NL', party_id: 'HUB', name: 'Demo Hub' },
      outbound: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: opts.timeoutMs ?? 2_000 },
    },
  ];
  const hub = await startTestHub({ tenants, ...(opts.now ? { now: opts.now } : {}) });
  const pool = new PlatformPool();
  const profile = opts.profile ? { profile: opts.profile } : {};
  const join = async (role: Role, partyId: string, manners?: Profile) =>
    (await pool.registered(hub, role, partyId, manners ? { profile: manners } : profile)).platform;
  const [cpo, emsp] = await Promise.all([join('CPO', 'CPA'), join('EMSP', 'EMA')]);
  return {
    hub,
    cpo,
    emsp,
    cpoParty: { country_code: 'NL', party_id: 'CPA' },
    emspParty: { country_code: 'NL', party_id: 'EMA' },
    join,
    tenantContext() {
      const tenant = hub.config.tenants[0];
      if (!tenant) throw new Error('no tenant');
      return openTenant(hub.runtime, tenant, hub.runtime.log);
    },
    async close() {
      await pool.closeAll();
      await hub.stop();
    },
  };
}

/** The envelope of a hub answer. */
export function envelopeOf(response: { body: unknown }): {
  status_code: number;
  status_message?: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on arbitrary OCPI JSON.
  data?: any;
} {
  return response.body as { status_code: number; status_message?: string; data?: unknown };
}
