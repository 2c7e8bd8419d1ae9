import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedPlatform } from '../../partners';
import { createSimulatedPlatform } from '../../partners';
import { eventually } from '../../support/eventually';
import { at, locationOf } from '../objects/object-fixtures';
import {
  type DeliveryTestHub,
  locationMessage,
  startDeliveryTestHub,
  waitIdle,
  waitLaneSettled,
} from './delivery-test-hub';

type Role = 'CPO' | 'EMSP';

/** Location pushes the platform accepted (injected failures are logged as received too). */
function locationPushes(p: SimulatedPlatform, locationId: string) {
  const failed = new Set(p.requests.filter((r) => r.failedAs).map((r) => r.headers['x-request-id']));
  return p.received.filter(
    (r) =>
      r.module === 'locations' && r.path.includes(`/${locationId}`) && !failed.has(r.headers['x-request-id']),
  );
}

describe('broadcast fan-out from the outbox', () => {
  let hub: DeliveryTestHub;
  const platforms: SimulatedPlatform[] = [];
  let cpo: SimulatedPlatform;
  let emsp1: SimulatedPlatform;
  let emsp2: SimulatedPlatform;
  const partnerIds = new Map<SimulatedPlatform, string>();

  async function registered(role: Role, partyId: string) {
    const platform = await createSimulatedPlatform({
      roles: [{ role, country_code: 'NL', party_id: partyId }],
    });
    platforms.push(platform);
    const { id, tokenA } = await hub.createPartner([{ role, country_code: 'NL', party_id: partyId }]);
    await platform.registerWith(hub.versionsUrl(), tokenA);
    partnerIds.set(platform, id);
    return platform;
  }

  beforeAll(async () => {
    hub = await startDeliveryTestHub({ silenceMs: 0 });
    cpo = await registered('CPO', 'CP1');
    emsp1 = await registered('EMSP', 'EM1');
    emsp2 = await registered('EMSP', 'EM2');
  });
  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
    await hub?.stop();
  });

  it('pushes each update to both eMSPs in order, FROM the hub, TO the eMSP, with the owner in the URL', async () => {
    // Prepare
    const put = locationMessage('LOC1', {
      body: { name: 'v1', evses: [{ uid: 'EVSE1', status: 'AVAILABLE' }] },
    });
    const patch1 = locationMessage('LOC1', { method: 'PATCH', evse: 'EVSE1', body: { status: 'CHARGING' } });
    const patch2 = locationMessage('LOC1', { method: 'PATCH', evse: 'EVSE1', body: { status: 'AVAILABLE' } });
    // Act
    await hub.enqueue(put, patch1, patch2);
    // Assess
    for (const [emsp, party] of [
      [emsp1, 'EM1'],
      [emsp2, 'EM2'],
    ] as const) {
      await emsp.waitFor(() => locationPushes(emsp, 'LOC1').length >= 3, 10_000);
      const pushes = locationPushes(emsp, 'LOC1');
      expect(pushes.map((p) => `${p.method} ${p.path}`)).toEqual([
        'PUT /ocpi/2.2.1/receiver/locations/NL/CP1/LOC1',
        'PATCH /ocpi/2.2.1/receiver/locations/NL/CP1/LOC1/EVSE1',
        'PATCH /ocpi/2.2.1/receiver/locations/NL/CP1/LOC1/EVSE1',
      ]);
      expect(pushes[0]?.headers).toMatchObject({
        'ocpi-from-country-code': 'NL',
        'ocpi-from-party-id': 'HUB',
        'ocpi-to-country-code': 'NL',
        'ocpi-to-party-id': party,
        'x-correlation-id': put.correlationId,
      });
      expect(emsp.stored('locations', 'NL', 'CP1', 'LOC1')).toMatchObject({ name: 'v1' });
    }
    expect(locationPushes(cpo, 'LOC1')).toEqual([]);
  });

  it('fans out a Location a CPO pushes to the hub, byte for byte, and answers the CPO itself', async () => {
    // Prepare
    const location = locationOf({ country_code: 'NL', party_id: 'CP1' }, 'LOC-E2E', at(5));
    // Act
    const answer = await cpo.pushLocation(location, { to: { country_code: 'NL', party_id: 'HUB' } });
    // Assess
    expect(answer.status).toBeLessThan(300);
    for (const emsp of [emsp1, emsp2]) {
      await emsp.waitFor(() => locationPushes(emsp, 'LOC-E2E').length >= 1, 10_000);
      expect(emsp.stored('locations', 'NL', 'CP1', 'LOC-E2E')).toEqual(location);
    }
    expect(locationPushes(cpo, 'LOC-E2E')).toEqual([]);
  });

  it('delivers each message once and in order to a receiver that fails 3 times, then recovers', async () => {
    // Prepare
    await waitIdle(hub);
    emsp1.failNext(3, 'http500');
    const messages = [
      locationMessage('LOC2', { body: { name: 'a', evses: [{ uid: 'E1', status: 'AVAILABLE' }] } }),
      locationMessage('LOC2', { method: 'PATCH', evse: 'E1', body: { status: 'CHARGING' } }),
      locationMessage('LOC2', { method: 'PATCH', evse: 'E1', body: { status: 'BLOCKED' } }),
    ];
    // Act
    await hub.enqueue(...messages);
    // Assess
    await emsp1.waitFor(() => locationPushes(emsp1, 'LOC2').length >= 3, 15_000);
    await waitLaneSettled(hub, partnerIds.get(emsp1), 'NL/CP1/LOC2');
    const bodies = locationPushes(emsp1, 'LOC2').map((p) => p.body as { status?: string; name?: string });
    expect(bodies.map((b) => b.status ?? b.name)).toEqual(['a', 'CHARGING', 'BLOCKED']);
    expect(emsp1.requests.filter((r) => r.failedAs === 'http500').length).toBe(3);
    const failedThenDelivered = await hub.admin(
      'GET',
      `/deliveries?partner=${partnerIds.get(emsp1)}&status=delivered`,
    );
    expect(failedThenDelivered.body.deliveries.some((d: { attempts: number }) => d.attempts === 4)).toBe(
      true,
    );
  });

  it('skips an update superseded by a later PUT of the same location while the receiver was failing', async () => {
    // Prepare
    emsp2.behave('http500');
    const first = locationMessage('LOC3', { body: { name: 'old' } });
    await hub.enqueue(first);
    await emsp2.waitFor(() =>
      emsp2.requests.some((r) => r.failedAs === 'http500' && r.path.endsWith('/LOC3')),
    );
    // Act
    await hub.enqueue(locationMessage('LOC3', { body: { name: 'new' } }));
    // Recover only once 'new' itself has been attempted: from then on 'old' can never be sent. (A
    // retry of 'old' already in flight when 'new' was queued rightly goes out first, so waiting for
    // 'new' to be queued is not enough: that race once failed this test.)
    await emsp2.waitFor(
      () =>
        emsp2.requests.some(
          (r) => r.failedAs === 'http500' && (r.body as { name?: string } | undefined)?.name === 'new',
        ),
      10_000,
    );
    emsp2.behave('normal');
    // Assess
    await emsp2.waitFor(() => locationPushes(emsp2, 'LOC3').length >= 1, 10_000);
    await waitLaneSettled(hub, partnerIds.get(emsp2), 'NL/CP1/LOC3');
    expect(locationPushes(emsp2, 'LOC3').map((p) => (p.body as { name: string }).name)).toEqual(['new']);
    const list = await hub.admin('GET', `/deliveries?partner=${partnerIds.get(emsp2)}&status=superseded`);
    const locations = list.body.deliveries.filter((d: { module: string }) => d.module === 'locations');
    expect(locations).toEqual([expect.objectContaining({ path: 'NL/CP1/LOC3', status: 'superseded' })]);
  });

  it('sends nothing to an OFFLINE eMSP, nor anything stale once it is CONNECTED again', async () => {
    // Prepare
    emsp2.behave('http500');
    await hub.enqueue(locationMessage('LOC4', { body: { name: 'queued before offline' } }));
    await emsp2.waitFor(() =>
      emsp2.requests.some((r) => r.failedAs === 'http500' && r.path.endsWith('/LOC4')),
    );
    await hub.delivery.scheduler.runNow('still-alive');
    const offline = await hub.admin('GET', `/partners/${partnerIds.get(emsp2)}`);
    // A retry already past its checks when the status changed may still go out; wait for the next one.
    await eventually(async () => {
      const list = await hub.admin('GET', `/deliveries?partner=${partnerIds.get(emsp2)}&status=skipped`);
      return list.body.deliveries.some((d: { path: string }) => d.path === 'NL/CP1/LOC4');
    });
    // Act
    await hub.enqueue(locationMessage('LOC4', { method: 'PATCH', body: { name: 'while offline' } }));
    emsp2.behave('normal');
    await hub.delivery.scheduler.runNow('still-alive');
    const reconnected = await hub.admin('GET', `/partners/${partnerIds.get(emsp2)}`);
    await hub.enqueue(locationMessage('LOC5', { body: { name: 'after reconnect' } }));
    // Assess
    await emsp2.waitFor(() => locationPushes(emsp2, 'LOC5').length >= 1, 10_000);
    // emsp1 holding the PATCH means it was fanned out (all lanes of a message are written first);
    // emsp2's LOC4 lane settled means anything it was going to get has arrived.
    await emsp1.waitFor(() => locationPushes(emsp1, 'LOC4').length >= 2, 10_000);
    await waitLaneSettled(hub, partnerIds.get(emsp2), 'NL/CP1/LOC4');
    expect(offline.body.status).toBe('OFFLINE');
    expect(reconnected.body.status).toBe('CONNECTED');
    expect(locationPushes(emsp2, 'LOC4')).toEqual([]);
    expect(locationPushes(emsp1, 'LOC4').length).toBe(2);
  });

  it('lists deliveries newest first and replays one on request', async () => {
    // Prepare
    await hub.enqueue(locationMessage('LOC6', { body: { name: 'replay me' } }));
    await emsp1.waitFor(() => locationPushes(emsp1, 'LOC6').length >= 1, 10_000);
    // The ledger is written once the message is through with every receiver (and read from an index).
    let list = await hub.admin('GET', `/deliveries?partner=${partnerIds.get(emsp1)}&limit=3`);
    await eventually(async () => {
      list = await hub.admin('GET', `/deliveries?partner=${partnerIds.get(emsp1)}&limit=3`);
      return list.body.deliveries.some((d: { path: string }) => d.path === 'NL/CP1/LOC6');
    });
    const delivered = list.body.deliveries.find((d: { path: string }) => d.path === 'NL/CP1/LOC6');
    // Act
    const replay = await hub.admin('POST', `/deliveries/${delivered.id}/replay`);
    // Assess
    await emsp1.waitFor(() => locationPushes(emsp1, 'LOC6').length >= 2, 10_000);
    expect(list.status).toBe(200);
    const created = list.body.deliveries.map((d: { created_at: string }) => d.created_at);
    expect(created).toEqual([...created].sort().reverse());
    expect(list.body.deliveries).toHaveLength(3);
    expect(list.body.next_before).toEqual(expect.any(String));
    expect(delivered).toMatchObject({
      path: 'NL/CP1/LOC6',
      status: 'delivered',
      partner_id: partnerIds.get(emsp1),
    });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ status: 'pending', replay_of: delivered.id });
    expect((await hub.admin('POST', '/deliveries/not-an-id/replay')).status).toBe(404);
    expect((await hub.admin('GET', '/deliveries?status=lost')).status).toBe(400);
  });
});
