import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryTestHub, startDeliveryTestHub } from '../hub/delivery/delivery-test-hub';
import { at, locationOf } from '../hub/objects/object-fixtures';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { testDynamoEndpoint } from '../support/dynamo';
import { startTcpFaultProxy, type TcpFaultProxy } from './tcp-fault-proxy';

/** Generous next to the ~5 s a stalled store may take (2 attempts of 2.5 s); far below a hang. */
const ANSWER_WITHIN_MS = 15_000;

describe('a stalled or stopped database', () => {
  let proxy: TcpFaultProxy;
  let hub: DeliveryTestHub;
  let cpo: SimulatedPlatform;
  const party = { country_code: 'NL', party_id: 'CPF' };

  beforeAll(async () => {
    proxy = await startTcpFaultProxy(testDynamoEndpoint());
    hub = await startDeliveryTestHub({ dynamoEndpoint: proxy.url });
    cpo = await createSimulatedPlatform({ roles: [{ role: 'CPO', ...party }] });
    const { tokenA } = await hub.createPartner([{ role: 'CPO', ...party }]);
    await cpo.registerWith(hub.versionsUrl(), tokenA);
  });
  afterAll(async () => {
    proxy?.setMode('pass');
    await cpo?.close();
    await hub?.stop();
    await proxy?.close();
  });

  /** The push's answer, or a failure when none came within ANSWER_WITHIN_MS (a hang). */
  async function pushWithin(id: string) {
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)),
        ANSWER_WITHIN_MS,
      );
    });
    try {
      return await Promise.race([cpo.pushLocation(locationOf(party, id, at(1))), hang]);
    } finally {
      clearTimeout(timer);
    }
  }

  it('answers 3000 instead of hanging while the database is frozen, and recovers by itself', {
    timeout: 60_000,
  }, async () => {
    // Prepare
    proxy.setMode('freeze');
    // Act
    const frozen = await pushWithin('FROZEN1');
    proxy.setMode('pass');
    const after = await pushWithin('FROZEN2');
    // Assess
    expect(frozen.status).toBeGreaterThanOrEqual(500);
    expect((frozen.body as { status_code: number }).status_code).toBe(3000);
    expect((after.body as { status_code: number }).status_code).toBe(1000);
  });

  it('answers 3000 while the database refuses connections, and recovers by itself', {
    timeout: 60_000,
  }, async () => {
    // Prepare
    proxy.setMode('refuse');
    // Act
    const stopped = await pushWithin('STOPPED1');
    proxy.setMode('pass');
    const after = await pushWithin('STOPPED2');
    // Assess
    expect((stopped.body as { status_code: number }).status_code).toBe(3000);
    expect((after.body as { status_code: number }).status_code).toBe(1000);
  });
});
