import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodAt, sessionOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../hub/charging/charging-network';
import type { SimulatedPlatform } from '../partners';

describe('sessions through the hub', () => {
  let net: ChargingNetwork;
  let otherEmsp: SimulatedPlatform;

  beforeAll(async () => {
    net = await startChargingNetwork();
    otherEmsp = await net.join('EMSP', 'EMB');
  });
  afterAll(async () => {
    await net?.close();
  });

  const pull = (platform: SimulatedPlatform, query: string) =>
    platform.hubRequest('GET', `sessions?${query}`);
  const idsOf = (response: { body: unknown }) => envelopeOf(response).data.map((s: { id: string }) => s.id);

  it('appends charging periods on PATCH and replaces them on PUT, at the eMSP and at the hub', async () => {
    // Prepare
    await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/REPL', {
      body: sessionOf(net.cpoParty, net.emspParty, 'REPL'),
    });
    await net.cpo.hubRequest('PATCH', 'sessions/NL/CPA/REPL', {
      body: { charging_periods: [periodAt('2024-01-10T10:10:00Z', 2)], last_updated: '2024-01-10T10:10:00Z' },
    });
    const afterPatch = await pull(net.emsp, 'date_from=2024-01-10T10:05:00Z');
    // Act
    const replacement = sessionOf(net.cpoParty, net.emspParty, 'REPL', {
      charging_periods: [periodAt('2024-01-10T10:00:00Z', 9)],
      last_updated: '2024-01-10T10:20:00Z',
    });
    const put = await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/REPL', { body: replacement });
    const afterPut = await pull(net.emsp, 'date_from=2024-01-10T10:15:00Z');
    // The hub delivers the PUT to the eMSP after answering the CPO (store and forward).
    await net.emsp.waitFor(
      () => net.emsp.stored('sessions', 'NL', 'CPA', 'REPL')?.last_updated === '2024-01-10T10:20:00Z',
      10_000,
    );
    // Assess
    expect(envelopeOf(afterPatch).data[0].charging_periods).toHaveLength(2);
    expect(put.status).toBe(200);
    expect(envelopeOf(afterPut).data[0].charging_periods).toEqual([periodAt('2024-01-10T10:00:00Z', 9)]);
    expect(net.emsp.stored('sessions', 'NL', 'CPA', 'REPL')?.charging_periods).toHaveLength(1);
  });

  it('shows an eMSP only the sessions of its own tokens', async () => {
    // Prepare
    await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/MINE', {
      body: sessionOf(net.cpoParty, net.emspParty, 'MINE', { last_updated: '2024-03-01T00:00:00Z' }),
    });
    await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/THEIRS', {
      body: sessionOf(net.cpoParty, { country_code: 'NL', party_id: 'EMB' }, 'THEIRS', {
        last_updated: '2024-03-01T00:00:00Z',
      }),
    });
    // Act
    const mine = await pull(net.emsp, 'date_from=2024-03-01T00:00:00Z');
    const theirs = await pull(otherEmsp, 'date_from=2024-03-01T00:00:00Z');
    // Assess
    expect(idsOf(mine)).toEqual(['MINE']);
    expect(idsOf(theirs)).toEqual(['THEIRS']);
    expect(mine.headers['ocpi-from-party-id']).toBe('HUB');
  });

  it('answers 2001 naming date_from when a pull leaves it out', async () => {
    // Act
    const answer = await pull(net.emsp, 'limit=10');
    // Assess
    expect(envelopeOf(answer).status_code).toBe(2001);
    expect(envelopeOf(answer).status_message).toContain('date_from');
  });

  it('answers 2001 naming cursor for a cursor the hub did not hand out', async () => {
    // Act
    const answer = await pull(net.emsp, 'date_from=2020-01-01T00:00:00Z&cursor=not-a-cursor');
    // Assess
    expect(answer.status).toBe(200);
    expect(envelopeOf(answer).status_code).toBe(2001);
    expect(envelopeOf(answer).status_message).toContain('cursor');
  });

  it('never lets an older last_updated overwrite a newer session', async () => {
    // Prepare
    await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/OLD', {
      body: sessionOf(net.cpoParty, net.emspParty, 'OLD', { kwh: 7, last_updated: '2024-04-01T12:00:00Z' }),
    });
    // Act
    const stale = await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/OLD', {
      body: sessionOf(net.cpoParty, net.emspParty, 'OLD', { kwh: 1, last_updated: '2024-04-01T11:00:00Z' }),
    });
    const stored = await pull(net.emsp, 'date_from=2024-04-01T00:00:00Z');
    // Assess
    expect(envelopeOf(stale).status_code).toBe(1000);
    expect(envelopeOf(stored).data[0]).toMatchObject({ id: 'OLD', kwh: 7 });
  });

  it('keeps the session for the eMSP to pull and delivers it once the eMSP is back (issue #12 item 1)', async () => {
    // Prepare
    net.emsp.behave('down');
    // Act
    const put = await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/OFFL', {
      body: sessionOf(net.cpoParty, net.emspParty, 'OFFL', { last_updated: '2024-05-01T00:00:00Z' }),
    });
    const patch = await net.cpo.hubRequest('PATCH', 'sessions/NL/CPA/OFFL', {
      body: { kwh: 4, last_updated: '2024-05-01T00:05:00Z' },
    });
    net.emsp.behave('normal');
    const pulled = await pull(net.emsp, 'date_from=2024-05-01T00:00:00Z');
    await net.emsp.waitFor(() => net.emsp.stored('sessions', 'NL', 'CPA', 'OFFL')?.kwh === 4, 15_000);
    // Assess
    expect([put.status, envelopeOf(put).status_code]).toEqual([201, 1000]);
    expect(envelopeOf(patch).status_code).toBe(1000);
    expect(idsOf(pulled)).toEqual(['OFFL']);
    // In order: the PUT, then its PATCH on top of it.
    const pushes = net.emsp.received.filter((r) => r.module === 'sessions' && r.path.includes('OFFL'));
    expect(pushes.map((r) => r.method)).toEqual(['PUT', 'PATCH']);
  });

  it("refuses a session pushed under another CPO's party or with a mismatching id", async () => {
    // Act
    const foreignUrl = await net.cpo.hubRequest('PUT', 'sessions/NL/XXX/F1', {
      body: sessionOf({ country_code: 'NL', party_id: 'XXX' }, net.emspParty, 'F1'),
    });
    const otherId = await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/F2', {
      body: sessionOf(net.cpoParty, net.emspParty, 'F3'),
    });
    const byEmsp = await net.emsp.hubRequest('PUT', '/demo/ocpi/2.2.1/receiver/sessions/NL/CPA/F4', {
      body: sessionOf(net.cpoParty, net.emspParty, 'F4'),
    });
    // Assess
    expect([foreignUrl, otherId, byEmsp].map((a) => envelopeOf(a).status_code)).toEqual([2001, 2001, 2001]);
    expect(envelopeOf(otherId).status_message).toContain('id');
    expect(net.emsp.stored('sessions', 'NL', 'CPA', 'F3')).toBeUndefined();
  });

  it('answers 2001 naming the field for a PATCH without last_updated or a mistyped PUT', async () => {
    // Act
    const patch = await net.cpo.hubRequest('PATCH', 'sessions/NL/CPA/MINE', { body: { kwh: 3 } });
    const put = await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/BADT', {
      body: sessionOf(net.cpoParty, net.emspParty, 'BADT', { status: 'CHARGING' }),
    });
    // Assess
    expect(envelopeOf(patch).status_message).toContain('last_updated');
    expect(envelopeOf(put).status_code).toBe(2001);
    expect(envelopeOf(put).status_message).toContain('status');
  });
});
