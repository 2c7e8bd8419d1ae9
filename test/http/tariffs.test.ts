import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CP1, CP2, EM1, EM2, envelopeOf, HUB, type Network, startNetwork } from '../hub/objects/network';
import { at, tariffOf } from '../hub/objects/object-fixtures';

describe('tariffs pushed to the hub', () => {
  let net: Network;

  beforeAll(async () => {
    net = await startNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  const put = (tariff: Record<string, unknown>, to = HUB, from = net.cpo1) =>
    from.hubRequest('PUT', `tariffs/${tariff.country_code}/${tariff.party_id}/${tariff.id}`, {
      to,
      body: tariff,
    });
  const readBack = (path: string, from = net.cpo1) =>
    from.hubRequest('GET', `tariffs/${path}`, { to: HUB, iface: 'RECEIVER' });
  const list = (query = '') => net.emsp1.hubRequest('GET', `tariffs${query}`, { to: HUB });

  it('answers 201 for a new tariff, 200 for an update, and ignores an older one', async () => {
    // Prepare
    const tariff = tariffOf(CP1, 'T1', at(10));
    // Act
    const created = await put(tariff);
    const updated = await put({ ...tariff, currency: 'USD', last_updated: at(11) });
    const stale = await put({ ...tariff, currency: 'GBP', last_updated: at(9) });
    // Assess
    expect([created.status, updated.status, stale.status]).toEqual([201, 200, 200]);
    expect(envelopeOf(stale).status_message).toContain('not stored');
    expect(envelopeOf(await readBack('NL/CP1/T1')).data).toMatchObject({
      currency: 'USD',
      last_updated: at(11),
    });
  });

  it('deletes a stored tariff, broadcasts the DELETE and drops it from GET all', async () => {
    // Prepare
    await put(tariffOf(CP2, 'T-DEL', at(20)), HUB, net.cpo2);
    const before = await list();
    // Act
    const res = await net.cpo2.hubRequest('DELETE', 'tariffs/DE/CP2/T-DEL', { to: HUB });
    // Assess
    expect(envelopeOf(res).status_code).toBe(1000);
    expect(res.headers['ocpi-to-party-id']).toBe('CP2');
    expect((await readBack('DE/CP2/T-DEL', net.cpo2)).status).toBe(404);
    const after = await list();
    expect(Number(after.headers['x-total-count'])).toBe(Number(before.headers['x-total-count']) - 1);
    expect(envelopeOf(after).data.map((t: { id: string }) => t.id)).not.toContain('T-DEL');
    const outbox = await net.outbox('tariffs:DE*CP2*T-DEL');
    expect(outbox.map((m) => m.method)).toEqual(['PUT', 'DELETE']);
    expect(outbox[1]).toMatchObject({ pathSegments: ['DE', 'CP2', 'T-DEL'], kind: 'broadcast' });
    expect(outbox[1]?.bodyText).toBeUndefined();
  });

  it('answers 404 for the DELETE of a tariff the hub does not hold', async () => {
    // Act
    const res = await net.cpo1.hubRequest('DELETE', 'tariffs/NL/CP1/NEVER', { to: HUB });
    // Assess
    expect(res.status).toBe(404);
  });

  it('answers HTTP 405 for a PATCH, which 2.2.1 tariffs do not have', async () => {
    // Act
    const res = await net.cpo1.hubRequest('PATCH', 'tariffs/NL/CP1/T1', {
      to: HUB,
      body: { last_updated: at(99) },
    });
    // Assess
    expect(res.status).toBe(405);
    expect(envelopeOf(res).status_code).toBe(2000);
  });

  it('answers 2001 for a tariff whose id differs from the URL or that an eMSP pushes', async () => {
    // Act
    const idMismatch = await net.cpo1.hubRequest('PUT', 'tariffs/NL/CP1/OTHER', {
      to: HUB,
      body: tariffOf(CP1, 'T9'),
    });
    const byEmsp = await net.emsp1.hubRequest('PUT', 'tariffs/NL/EM1/T9', {
      to: HUB,
      iface: 'RECEIVER',
      body: tariffOf(EM1, 'T9'),
    });
    const invalid = await put({ ...tariffOf(CP1, 'T10'), elements: [] });
    // Assess
    expect(envelopeOf(idMismatch).status_message).toContain('id');
    expect(envelopeOf(invalid).status_message).toContain('elements');
    expect([idMismatch, byEmsp, invalid].map((r) => envelopeOf(r).status_code)).toEqual([2001, 2001, 2001]);
  });

  it('forwards a tariff addressed to one eMSP to that eMSP only, without storing it', async () => {
    // Prepare
    const tariff = tariffOf(CP1, 'T-DIRECT', at(30));
    // Act
    const res = await put(tariff, EM2);
    // Assess
    expect(res.status).toBe(201);
    expect(net.emsp2.stored('tariffs', 'NL', 'CP1', 'T-DIRECT')).toEqual(tariff);
    expect(net.emsp1.requests.filter((r) => r.path.includes('T-DIRECT'))).toHaveLength(0);
    expect((await readBack('NL/CP1/T-DIRECT')).status).toBe(404);
  });

  it('serves the tariffs of every CPO to an eMSP', async () => {
    // Prepare
    await put(tariffOf(CP2, 'T-CP2', at(40)), HUB, net.cpo2);
    // Act
    const res = await list(`?date_from=${at(0)}`);
    // Assess
    expect(envelopeOf(res).data.map((t: { id: string }) => t.id)).toEqual(['T1', 'T-CP2']);
    expect(res.headers['x-total-count']).toBe('2');
    expect(res.headers['x-limit']).toBe('100');
  });
});
