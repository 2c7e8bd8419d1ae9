import { describe, expect, it } from 'vitest';
import type { SimulatedPlatform } from '../partners';
import { eventually } from '../support/eventually';
import { hubWithPlatforms } from '../support/platforms';

/** Issue #3: no rotation, whoever starts it, may fail a request that is already under way. */
describe('rotation with requests in flight', () => {
  const fx = hubWithPlatforms();
  const { pool } = fx;

  /** Keeps GETting the hub's versions with the token the platform held when the loop started. */
  function trafficWithCurrentToken(platform: SimulatedPlatform) {
    const token = platform.hubToken as string;
    const statuses: number[] = [];
    let running = true;
    const loop = (async () => {
      while (running)
        statuses.push((await platform.hubRequest('GET', fx.hub.versionsUrl(), { token })).status);
    })();
    return {
      statuses,
      async stop() {
        running = false;
        await loop;
      },
    };
  }

  it('answers every request made with the old token while the partner rotates', async () => {
    // Prepare
    const { platform } = await pool.registered(fx.hub, 'CPO', 'IF1');
    const traffic = trafficWithCurrentToken(platform);
    // Act
    await platform.rotate();
    const afterRotation = traffic.statuses.length;
    await eventually(() => traffic.statuses.length >= afterRotation + 3, {
      what: 'requests after the rotation',
    });
    await traffic.stop();
    // Assess
    expect(traffic.statuses.length).toBeGreaterThan(2);
    expect(new Set(traffic.statuses)).toEqual(new Set([200]));
  });

  it('answers every request made with the old token while the hub rotates', async () => {
    // Prepare
    const { platform, partnerId } = await pool.registered(fx.hub, 'EMSP', 'IF2');
    const traffic = trafficWithCurrentToken(platform);
    // Act
    const rotation = await fx.hub.admin('POST', `/partners/${partnerId}/rotate`);
    const afterRotation = traffic.statuses.length;
    await eventually(() => traffic.statuses.length >= afterRotation + 3, {
      what: 'requests after the rotation',
    });
    await traffic.stop();
    // Assess
    expect(rotation.status).toBe(200);
    expect(traffic.statuses.length).toBeGreaterThan(2);
    expect(new Set(traffic.statuses)).toEqual(new Set([200]));
  });
});
