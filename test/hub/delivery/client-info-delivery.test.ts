import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../../partners';
import { type DeliveryTestHub, startDeliveryTestHub, waitIdle } from './delivery-test-hub';

const clientInfoPushes = (p: SimulatedPlatform, cc: string, pid: string) =>
  p.received.filter((r) => r.module === 'hubclientinfo' && r.path.endsWith(`/hubclientinfo/${cc}/${pid}`));

const statuses = (p: SimulatedPlatform, cc: string, pid: string) =>
  clientInfoPushes(p, cc, pid).map((r) => (r.body as { status: string }).status);

describe('HubClientInfo pushes on party status changes', () => {
  let hub: DeliveryTestHub;
  let observer: SimulatedPlatform;
  let cpo: SimulatedPlatform;

  beforeAll(async () => {
    hub = await startDeliveryTestHub();
    observer = await createSimulatedPlatform({
      roles: [{ role: 'EMSP', country_code: 'NL', party_id: 'EM1' }],
    });
    cpo = await createSimulatedPlatform({ roles: [{ role: 'CPO', country_code: 'DE', party_id: 'CP1' }] });
    const { tokenA } = await hub.createPartner([{ role: 'EMSP', country_code: 'NL', party_id: 'EM1' }]);
    await observer.registerWith(hub.versionsUrl(), tokenA);
    await waitIdle(hub);
  });
  afterAll(async () => {
    await Promise.all([observer?.close(), cpo?.close()]);
    await hub?.stop();
  });

  it('pushes PLANNED on creation, CONNECTED on registration and SUSPENDED on unregistration', async () => {
    // Prepare
    const created = await hub.createPartner([{ role: 'CPO', country_code: 'DE', party_id: 'CP1' }]);
    await observer.waitFor(() => statuses(observer, 'DE', 'CP1').includes('PLANNED'), 10_000);
    // Act
    await cpo.registerWith(hub.versionsUrl(), created.tokenA);
    await observer.waitFor(() => statuses(observer, 'DE', 'CP1').includes('CONNECTED'), 10_000);
    await cpo.unregister();
    // Assess
    await observer.waitFor(() => statuses(observer, 'DE', 'CP1').includes('SUSPENDED'), 10_000);
    expect(statuses(observer, 'DE', 'CP1')).toEqual(['PLANNED', 'CONNECTED', 'SUSPENDED']);
    const push = clientInfoPushes(observer, 'DE', 'CP1')[0];
    expect(push?.method).toBe('PUT');
    expect(push?.body).toMatchObject({
      country_code: 'DE',
      party_id: 'CP1',
      role: 'CPO',
      last_updated: expect.any(String),
    });
    // A configuration module: no routing headers (transport_and_format §4.1.5).
    expect(Object.keys(push?.headers ?? {}).filter((h) => h.startsWith('ocpi-'))).toEqual([]);
  });

  it('gives a newly CONNECTED platform the ClientInfo of every other party', async () => {
    // Prepare
    const newcomer = await createSimulatedPlatform({
      roles: [{ role: 'CPO', country_code: 'BE', party_id: 'CP9' }],
    });
    const { tokenA } = await hub.createPartner([{ role: 'CPO', country_code: 'BE', party_id: 'CP9' }]);
    try {
      // Act
      await newcomer.registerWith(hub.versionsUrl(), tokenA);
      // Assess
      await newcomer.waitFor(() => statuses(newcomer, 'DE', 'CP1').length > 0, 10_000);
      await newcomer.waitFor(() => statuses(newcomer, 'NL', 'EM1').length > 0, 10_000);
      expect(statuses(newcomer, 'NL', 'EM1')).toEqual(['CONNECTED']);
      expect(statuses(newcomer, 'DE', 'CP1')).toEqual(['SUSPENDED']);
      expect(statuses(newcomer, 'BE', 'CP9')).toEqual([]);
    } finally {
      await newcomer.close();
    }
  });
});
