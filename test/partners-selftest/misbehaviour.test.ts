import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { getJson } from './pair';

describe('simulated platform misbehaviour', () => {
  let platform: SimulatedPlatform;
  let tokenA: string;
  beforeAll(async () => {
    platform = await createSimulatedPlatform({
      roles: [{ role: 'CPO', country_code: 'NL', party_id: 'BAD' }],
    });
    tokenA = platform.issueTokenA();
  });
  afterAll(async () => {
    await platform.close();
  });

  it('drops connections while down and answers again once normal', async () => {
    // Prepare
    platform.behave('down');
    // Act
    const whileDown = await getJson(platform.versionsUrl, tokenA).catch((e: unknown) => e);
    platform.behave('normal');
    const afterwards = await getJson(platform.versionsUrl, tokenA);
    // Assess
    expect(whileDown).toBeInstanceOf(Error);
    expect(afterwards.status).toBe(200);
    expect(platform.requests.some((r) => r.failedAs === 'down')).toBe(true);
  });

  it('fails the next n requests and then recovers', async () => {
    // Prepare
    platform.failNext(2, 'http500');
    // Act
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getJson(platform.versionsUrl, tokenA)).status);
    // Assess
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('answers 200 with a body that is not JSON in garbage mode', async () => {
    // Prepare
    platform.failNext(1, 'garbage');
    // Act
    const { status, body } = await getJson(platform.versionsUrl, tokenA);
    // Assess
    expect(status).toBe(200);
    expect(typeof body).toBe('string');
  });

  it('delays its answer in slow mode', async () => {
    // Prepare
    platform.behave('slow', { delayMs: 150 });
    const started = Date.now();
    // Act
    const { status } = await getJson(platform.versionsUrl, tokenA);
    platform.behave('normal');
    // Assess
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('records every inbound request and forgets them on clearRequests', async () => {
    // Prepare
    platform.clearRequests();
    // Act
    await getJson(platform.versionsUrl, tokenA, { headers: { 'X-Request-ID': 'r-1' } });
    const recorded = [...platform.requests];
    platform.clearRequests();
    // Assess
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      method: 'GET',
      path: '/ocpi/versions',
      headers: { 'x-request-id': 'r-1' },
    });
    expect(platform.requests).toHaveLength(0);
  });
});
