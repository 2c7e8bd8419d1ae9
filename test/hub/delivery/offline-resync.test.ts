import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../../partners';
import { at, locationOf } from '../objects/object-fixtures';
import { type DeliveryTestHub, startDeliveryTestHub, waitIdle } from './delivery-test-hub';

const CPO = { country_code: 'NL', party_id: 'CPR' };
const HUB = { country_code: 'NL', party_id: 'HUB' };

/**
 * Issue #4 "done when": a party that went OFFLINE receives nothing until it is CONNECTED again, and
 * then pulls what it missed from the hub (OCPI 2.2.1 §HubClientInfo: offline parties re-sync by GET).
 */
describe('an eMSP that was OFFLINE re-syncs by pulling from the hub', () => {
  let hub: DeliveryTestHub;
  const platforms: SimulatedPlatform[] = [];
  const ids = new Map<SimulatedPlatform, string>();

  async function registered(role: 'CPO' | 'EMSP', partyId: string) {
    const platform = await createSimulatedPlatform({
      roles: [{ role, country_code: 'NL', party_id: partyId }],
    });
    platforms.push(platform);
    const { id, tokenA } = await hub.createPartner([{ role, country_code: 'NL', party_id: partyId }]);
    await platform.registerWith(hub.versionsUrl(), tokenA);
    ids.set(platform, id);
    return platform;
  }

  beforeAll(async () => {
    hub = await startDeliveryTestHub({ silenceMs: 0 });
  });
  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
    await hub?.stop();
  });

  it('gets no push while OFFLINE and finds the missed location in its pull once CONNECTED', async () => {
    // Prepare: the eMSP stops answering and the still-alive check marks it OFFLINE.
    const cpo = await registered('CPO', 'CPR');
    const emsp = await registered('EMSP', 'EMR');
    await waitIdle(hub);
    emsp.behave('down');
    await hub.delivery.scheduler.runNow('still-alive');
    const offline = await hub.admin('GET', `/partners/${ids.get(emsp)}`);
    // Act: a location is broadcast while it is OFFLINE, then it comes back.
    const missed = locationOf(CPO, 'LOC-MISSED', at(1));
    const pushed = await cpo.pushLocation(missed, { to: HUB });
    await waitIdle(hub);
    emsp.clearRequests();
    emsp.behave('normal');
    await hub.delivery.scheduler.runNow('still-alive');
    const reconnected = await hub.admin('GET', `/partners/${ids.get(emsp)}`);
    await waitIdle(hub);
    const pull = await emsp.hubRequest('GET', 'locations?limit=50');
    // Assess
    expect(offline.body.status).toBe('OFFLINE');
    expect(pushed.status).toBeLessThan(300);
    expect(reconnected.body.status).toBe('CONNECTED');
    expect(emsp.received.filter((r) => r.module === 'locations')).toEqual([]);
    expect(pull.status).toBe(200);
    const data = (pull.body as { data: Array<{ id: string }> }).data;
    expect(data.map((l) => l.id)).toContain('LOC-MISSED');
    expect(data.find((l) => l.id === 'LOC-MISSED')).toEqual(missed);
  }, 60_000);
});
