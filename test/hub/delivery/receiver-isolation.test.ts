import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../../partners';
import { eventually } from '../../support/eventually';
import { type DeliveryTestHub, locationMessage, startDeliveryTestHub, waitIdle } from './delivery-test-hub';

const LOCATIONS = 12;
/** The test hub's retry policy: retries run out after this many attempts. */
const MAX_ATTEMPTS = 6;

describe('receivers that fail or never answer (issue #12 items 5 and 7)', () => {
  let hub: DeliveryTestHub;
  const platforms: SimulatedPlatform[] = [];
  const partnerIds = new Map<SimulatedPlatform, string>();
  let healthy: SimulatedPlatform;
  let dark: SimulatedPlatform;

  async function registered(role: 'CPO' | 'EMSP', partyId: string) {
    const roles = [{ role, country_code: 'NL', party_id: partyId }];
    const platform = await createSimulatedPlatform({ roles });
    platforms.push(platform);
    const { id, tokenA } = await hub.createPartner(roles);
    await platform.registerWith(hub.versionsUrl(), tokenA);
    partnerIds.set(platform, id);
    return platform;
  }

  const pendingFor = async (platform: SimulatedPlatform) =>
    (await hub.admin('GET', `/deliveries?partner=${partnerIds.get(platform)}&status=pending&limit=100`)).body
      .deliveries as Array<{ path: string; attempts: number; last_error: string | null }>;

  beforeAll(async () => {
    hub = await startDeliveryTestHub({ silenceMs: 0, policy: { maxAttempts: MAX_ATTEMPTS } });
    await registered('CPO', 'CP1');
    healthy = await registered('EMSP', 'EMH');
    dark = await registered('EMSP', 'EMD');
    await waitIdle(hub);
  });
  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
    await hub?.stop();
  });

  it('delivers everything to a healthy receiver while another one never answers', {
    timeout: 90_000,
  }, async () => {
    // Prepare: the dark receiver holds every request far longer than the hub waits.
    dark.behave('slow', { delayMs: 60_000 });
    const ids = Array.from({ length: LOCATIONS }, (_, i) => `ISO${i}`);
    // Act
    await hub.enqueue(...ids.map((id) => locationMessage(id, { body: { name: id } })));
    await healthy.waitFor(() => ids.every((id) => healthy.stored('locations', 'NL', 'CP1', id)), 15_000);
    // Assess: the healthy receiver has all of it while the dark one's deliveries still wait.
    const darkHad = ids.filter((id) => dark.stored('locations', 'NL', 'CP1', id));
    const darkOwed = await eventually(
      async () => {
        // Once one send timed out, the receiver's other deliveries queue without being tried (no
        // error of their own), and may be written first: wait for the one that was tried.
        const owed = (await pendingFor(dark)).filter((d) => d.path.startsWith('NL/CP1/ISO'));
        return owed.find((d) => d.last_error) ? owed : undefined;
      },
      { timeoutMs: 15_000, what: "the dark receiver's deliveries pending, one with its error" },
    );
    expect(darkHad).toEqual([]);
    expect(darkOwed.find((d) => d.last_error)?.last_error).toContain('timed out');
    dark.behave('normal');
    await dark.waitFor(() => ids.every((id) => dark.stored('locations', 'NL', 'CP1', id)), 30_000);
  });

  it('keeps the latest state owed to a receiver whose retries ran out and delivers it when it answers again', {
    timeout: 90_000,
  }, async () => {
    // Prepare: the receiver answers 500 to everything, longer than every retry.
    await waitIdle(hub, 30_000);
    healthy.behave('http500');
    // Act
    await hub.enqueue(locationMessage('OWED1', { body: { name: 'latest' } }));
    const owed = await eventually(
      async () =>
        (await pendingFor(healthy)).find((d) => d.path === 'NL/CP1/OWED1' && d.attempts > MAX_ATTEMPTS),
      { timeoutMs: 20_000, what: 'the delivery still pending after its retries ran out' },
    );
    healthy.behave('normal');
    await healthy.waitFor(() => healthy.stored('locations', 'NL', 'CP1', 'OWED1'), 15_000);
    // Assess: the admin saw it owed, with why; the receiver has the latest state.
    expect(owed.last_error).toContain('500');
    expect(healthy.stored('locations', 'NL', 'CP1', 'OWED1')).toMatchObject({ name: 'latest' });
  });
});
