import { afterAll, beforeAll } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { createSimulatedPlatform211, type SimulatedPlatform211 } from '../partners/v211';
import { startTestHub, type TestHub } from './test-hub';

type Role = 'CPO' | 'EMSP' | 'SCSP' | 'NSP' | 'OTHER';
/** The simulated partners' manners: spec-perfect, or as real OCPI libraries behave (test/partners/README.md). */
export type Profile = 'polite' | 'real-world';

/** Simulated platforms of one test file, closed together. */
export class PlatformPool {
  private readonly platforms: Array<SimulatedPlatform | SimulatedPlatform211> = [];

  async create(
    role: Role,
    partyId: string,
    opts: { tokenEncoding?: 'base64' | 'raw'; countryCode?: string; profile?: Profile } = {},
  ): Promise<SimulatedPlatform> {
    const platform = await createSimulatedPlatform({
      roles: [{ role, country_code: opts.countryCode ?? 'NL', party_id: partyId }],
      tokenEncoding: opts.tokenEncoding,
      ...(opts.profile ? { profile: opts.profile } : {}),
      previousTokenGraceMs: 60_000,
    });
    this.platforms.push(platform);
    return platform;
  }

  /** Creates the partner through the admin API and runs the partner-initiated handshake. */
  async registered(
    hub: TestHub,
    role: Role,
    partyId: string,
    opts: {
      tokenEncoding?: 'base64' | 'raw';
      countryCode?: string;
      /** Where the platform finds the hub (default the test hub's own versions URL). */
      versionsUrl?: string;
      profile?: Profile;
    } = {},
  ) {
    const platform = await this.create(role, partyId, opts);
    const partner = await hub.createPartner(
      [{ role, country_code: opts.countryCode ?? 'NL', party_id: partyId }],
      `${role} ${partyId}`,
    );
    await platform.registerWith(opts.versionsUrl ?? hub.versionsUrl(), partner.tokenA);
    return { platform, partnerId: partner.id };
  }

  /** An OCPI 2.1.1 platform of one party, created at the hub and registered (flat credentials). */
  async registered211(hub: TestHub, role: 'CPO' | 'EMSP', partyId: string) {
    const platform = await createSimulatedPlatform211({ role, country_code: 'NL', party_id: partyId });
    this.platforms.push(platform);
    const { id, tokenA } = await hub.createPartner([{ role, country_code: 'NL', party_id: partyId }]);
    await platform.registerWith(hub.versionsUrl(), tokenA);
    return { platform, partnerId: id };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.platforms.map((p) => p.close()));
  }
}

/**
 * The usual fixture of a test file: one test hub and the platforms it creates, started before the
 * first test and closed after the last.
 */
export function hubWithPlatforms(opts?: Parameters<typeof startTestHub>[0]): {
  hub: TestHub;
  pool: PlatformPool;
} {
  const fixture = { hub: undefined as unknown as TestHub, pool: new PlatformPool() };
  beforeAll(async () => {
    fixture.hub = await startTestHub(opts);
  });
  afterAll(async () => {
    await fixture.pool.closeAll();
    await fixture.hub?.stop();
  });
  return fixture;
}
