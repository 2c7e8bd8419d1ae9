import { afterAll, describe, expect, it } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../../partners';
import {
  type DeliveryTestHub,
  locationMessage,
  startDeliveryTestHub,
  testConfig,
  waitIdle,
} from './delivery-test-hub';

describe('delivery across a hub restart', () => {
  const platforms: SimulatedPlatform[] = [];
  const hubs: DeliveryTestHub[] = [];

  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
    for (const hub of hubs) await hub.stop().catch(() => undefined);
  });

  it('loses nothing and sends nothing twice when the hub stops in the middle of a fan-out', async () => {
    // Prepare
    const config = testConfig();
    const first = await startDeliveryTestHub({ config });
    hubs.push(first);
    const emsp = await createSimulatedPlatform({
      roles: [{ role: 'EMSP', country_code: 'NL', party_id: 'EM1' }],
    });
    platforms.push(emsp);
    const { tokenA } = await first.createPartner([{ role: 'EMSP', country_code: 'NL', party_id: 'EM1' }]);
    await emsp.registerWith(first.versionsUrl(), tokenA);
    await first.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'CP1' }]);
    await waitIdle(first);
    emsp.behave('slow', { delayMs: 700 });
    const put = locationMessage('LOC1', {
      body: { name: 'one', evses: ['E1', 'E2', 'E3'].map((uid) => ({ uid, status: 'UNKNOWN' })) },
    });
    // Patches of distinct EVSEs are never superseded, so each one must arrive.
    const patches = ['E1', 'E2', 'E3'].map((evse) =>
      locationMessage('LOC1', { method: 'PATCH', evse, body: { status: 'AVAILABLE' } }),
    );
    await first.enqueue(put, ...patches);
    await emsp.waitFor(() => emsp.requests.some((r) => r.path.endsWith('/LOC1')), 10_000);
    // Act

    await first.stop();
    const acceptedBeforeRestart = emsp.received.filter((r) => r.module === 'locations').length;
    emsp.behave('normal');
    const second = await startDeliveryTestHub({ config, dataDir: first.dataDir });
    hubs.push(second);
    // Assess
    const accepted = () => emsp.received.filter((r) => r.module === 'locations');
    await emsp.waitFor(() => accepted().length >= 4, 15_000);
    // Nothing pending any more: a duplicate would have gone out by now.
    await waitIdle(second);
    expect(acceptedBeforeRestart).toBeLessThan(4);
    expect(emsp.stored('locations', 'NL', 'CP1', 'LOC1')).toMatchObject({
      evses: ['E1', 'E2', 'E3'].map((uid) => ({ uid, status: 'AVAILABLE' })),
    });
    expect(accepted().map((r) => `${r.method} ${r.path.split('/').slice(-1)[0]}`)).toEqual([
      'PUT LOC1',
      'PATCH E1',
      'PATCH E2',
      'PATCH E3',
    ]);
  }, 60_000);
});
