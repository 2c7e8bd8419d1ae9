import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireCommands } from '../../../functions/hub/jobs/command-timeouts.job';
import { tokenOf } from '../charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../charging/charging-network';

describe('command timeouts', () => {
  let net: ChargingNetwork;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    net = await startChargingNetwork({ now: () => Date.now() + clockOffsetMs });
  });
  afterAll(async () => {
    await net?.close();
  });

  it('sends the eMSP one TIMEOUT when the CPO never posts a result, says why in the ledger, and refuses a late result truthfully', async () => {
    // Prepare: a CPO that accepts with a 5 s timeout and never answers.
    const { cpo, emsp, cpoParty, emspParty } = net;
    cpo.configureCommands({ response: 'ACCEPTED', timeout: 5, sendResult: false });
    const { response, responseUrl } = await emsp.sendCommand(
      'START_SESSION',
      { token: tokenOf(emspParty, 'TOKEN9'), location_id: 'LOC1' },
      { to: cpoParty },
    );
    expect(envelopeOf(response).data).toMatchObject({ result: 'ACCEPTED', timeout: 5 });
    const resultsAtEmsp = () => emsp.received.filter((r) => responseUrl.endsWith(r.path));
    const ctx = net.tenantContext();

    // Act: before the deadline (timeout + margin) nothing happens; after it, one TIMEOUT, once.
    const early = await expireCommands(ctx);
    clockOffsetMs = 5_000 + 30_000 + 1_000;
    const due = await expireCommands(ctx);
    const again = await expireCommands(ctx);
    await emsp.waitFor(() => resultsAtEmsp().length >= 1, 10_000);
    await net.hub.waitDeliveriesIdle();

    // Assess
    expect([early, due, again]).toEqual([0, 1, 0]);
    expect(resultsAtEmsp()).toHaveLength(1);
    expect(resultsAtEmsp()[0]?.body).toMatchObject({ result: 'TIMEOUT' });
    expect(resultsAtEmsp()[0]?.headers['ocpi-from-party-id']).toBe('CPA');

    // Act: the CPO's result finally arrives.
    const command = cpo.received.findLast((r) => r.module === 'commands');
    const hubUrl = String((command?.body as { response_url?: string } | undefined)?.response_url);
    const late = await cpo.hubRequest('POST', hubUrl, { body: { result: 'ACCEPTED' }, to: emspParty });

    await net.hub.waitDeliveriesIdle();
    const ledger = await net.hub.admin('GET', '/deliveries?limit=100');

    // Assess: acknowledged with the true reason, not forwarded; the ledger says why the hub sent TIMEOUT.
    expect(envelopeOf(late).status_code).toBe(1000);
    expect(envelopeOf(late).status_message).toContain('after the deadline');
    expect(resultsAtEmsp()).toHaveLength(1);
    const commandDeliveries = ledger.body.deliveries.filter(
      (d: { module: string }) => d.module === 'commands',
    );
    expect(commandDeliveries).toEqual([
      expect.objectContaining({ status: 'delivered', note: expect.stringContaining('synthesized TIMEOUT') }),
    ]);
  });

  it('never times out a command whose result arrived', async () => {
    // Prepare
    const { cpo, emsp, cpoParty, emspParty } = net;
    clockOffsetMs = 0;
    cpo.configureCommands({ response: 'ACCEPTED', timeout: 5, sendResult: true, resultDelayMs: 10 });
    const { responseUrl } = await emsp.sendCommand(
      'START_SESSION',
      { token: tokenOf(emspParty, 'TOKEN8'), location_id: 'LOC1' },
      { to: cpoParty },
    );
    await emsp.waitFor(() => emsp.received.find((r) => responseUrl.endsWith(r.path)));
    // Act
    clockOffsetMs = 3_600_000;
    const expired = await expireCommands(net.tenantContext());
    // Assess
    expect(expired).toBe(0);
    expect(emsp.received.filter((r) => responseUrl.endsWith(r.path))).toHaveLength(1);
  });
});
