import type { ResolveHost } from '../../../functions/outbound/url-guard';
import { createSimulatedPlatform, type SimulatedPlatform } from '../../partners';
import { startTestHub, type TestHub } from '../../support/test-hub';

export type Role = 'CPO' | 'EMSP' | 'SCSP';
export type PartyRef = { country_code: string; party_id: string };

/** A registered party: a simulated platform that ran the real credentials handshake with one tenant. */
export interface AttackParty {
  key: string;
  tenant: string;
  role: Role;
  party: PartyRef;
  platform: SimulatedPlatform;
  partnerId: string;
}

export interface TenantSpec {
  id: string;
  /** Registered parties of this tenant, `[role, party_id]` (country NL). */
  parties?: Array<[Role, string]>;
  outbound?: { allowHttp?: boolean; allowPrivateAddresses?: boolean; timeoutMs?: number };
  credentials?: Record<string, number>;
  /** Defaults are far above what the suite sends, so only the rate-limit category meets them. */
  rateLimits?: Record<string, number>;
}

export interface AttackNetwork {
  hub: TestHub;
  parties: AttackParty[];
  /** `tenant/PARTY_ID`. */
  party(key: string): AttackParty;
  /** `{hub}/{tenant}/ocpi/2.2.1{path}`. */
  ocpiUrl(tenant: string, path: string): string;
  adminToken(tenant: string): string;
  /** A simulated platform of `role` that is not registered (yet). */
  newPlatform(role: Role, partyId: string): Promise<SimulatedPlatform>;
  /** Creates the partner through the admin API and runs the partner-initiated handshake. */
  register(tenant: string, role: Role, partyId: string): Promise<AttackParty>;
  close(): Promise<void>;
}

/** Limits no attack of the other categories reaches (at most 1,000,000 per the tenants file schema). */
export const UNREACHED_RATE_LIMITS = {
  partnerPerMinute: 1_000_000,
  tenantPerMinute: 10_000_000,
  failedAuthPerIpPerMinute: 100_000,
  failedAuthPerTenantPerMinute: 1_000_000,
};

/**
 * The hub the attack suite attacks: the real local hub on a free loopback port against the run's
 * DynamoDB Local, several tenants, and simulated partner platforms registered through the real
 * credentials handshake. Everything after this is plain HTTP.
 */
export async function startAttackNetwork(opts: {
  tenants: TenantSpec[];
  now?: () => number;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  resolve?: ResolveHost;
}): Promise<AttackNetwork> {
  const hub = await startTestHub({
    tenants: opts.tenants.map((t) => ({
      id: t.id,
      name: `Network ${t.id}`,
      hub: { country_code: 'NL', party_id: 'HUB', name: `Hub ${t.id}` },
      outbound: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 2_000, ...t.outbound },
      ...(t.credentials ? { credentials: t.credentials } : {}),
      rateLimits: { ...UNREACHED_RATE_LIMITS, ...t.rateLimits },
    })),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.resolve ? { resolve: opts.resolve } : {}),
    logLevel: opts.logLevel ?? 'ERROR',
  });
  const platforms: SimulatedPlatform[] = [];
  const parties: AttackParty[] = [];

  const newPlatform = async (role: Role, partyId: string) => {
    const platform = await createSimulatedPlatform({
      roles: [{ role, country_code: 'NL', party_id: partyId }],
      previousTokenGraceMs: 60_000,
    });
    platforms.push(platform);
    return platform;
  };

  const register = async (tenant: string, role: Role, partyId: string): Promise<AttackParty> => {
    const platform = await newPlatform(role, partyId);
    const created = await hub.admin(
      'POST',
      '/partners',
      { name: `${role} ${partyId}`, roles: [{ role, country_code: 'NL', party_id: partyId }] },
      tenant,
    );
    if (created.status !== 201) throw new Error(`cannot create ${partyId}: ${JSON.stringify(created.body)}`);
    await platform.registerWith(hub.versionsUrl(tenant), created.body.token_a);
    const party: AttackParty = {
      key: `${tenant}/${partyId}`,
      tenant,
      role,
      party: { country_code: 'NL', party_id: partyId },
      platform,
      partnerId: created.body.id,
    };
    parties.push(party);
    return party;
  };

  try {
    await Promise.all(
      opts.tenants.flatMap((t) => (t.parties ?? []).map(([role, id]) => register(t.id, role, id))),
    );
  } catch (error) {
    await Promise.all(platforms.map((p) => p.close()));
    await hub.stop();
    throw error;
  }

  return {
    hub,
    parties,
    party(key) {
      const found = parties.find((p) => p.key === key);
      if (!found) throw new Error(`no party ${key}`);
      return found;
    },
    ocpiUrl: (tenant, path) => `${hub.url}/${tenant}/ocpi/2.2.1${path}`,
    adminToken(tenant) {
      const token = hub.adminTokens.get(tenant);
      if (!token) throw new Error(`no admin token for ${tenant}`);
      return token;
    },
    newPlatform,
    register,
    async close() {
      await Promise.all(platforms.map((p) => p.close()));
      await hub.stop();
    },
  };
}
