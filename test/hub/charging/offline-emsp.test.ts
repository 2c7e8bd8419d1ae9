import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually';
import { cdrOf, tokenOf } from './charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from './charging-network';

describe('an eMSP offline while its CDR is posted', () => {
  let net: ChargingNetwork;

  beforeAll(async () => {
    net = await startChargingNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  it('keeps the CDR at the hub, answers the CPO 1000 with the hub Location, and delivers it once the eMSP is back', async () => {
    // Prepare
    net.emsp.behave('down');
    // Act: the CPO posts while the eMSP is unreachable.
    const posted = await net.cpo.postCdr(cdrOf(net.cpoParty, net.emspParty, 'OFF1'));
    const cdrs = net.tenantContext().store.cdrs;
    await eventually(async () => (await cdrs.get('NL*CPA', 'OFF1'))?.delivery === 'RETRYING', {
      what: 'the CDR recorded RETRYING',
    });
    net.emsp.behave('normal');
    const pulled = await net.emsp.hubRequest('GET', 'cdrs?date_from=2024-01-01T00:00:00Z');
    const readBack = await net.emsp.hubRequest('GET', String(posted.headers.location));
    const repeated = await net.cpo.postCdr(cdrOf(net.cpoParty, net.emspParty, 'OFF1'));
    const delivered = () => net.emsp.received.filter((r) => r.module === 'cdrs');
    await net.emsp.waitFor(() => delivered().length >= 1, 15_000);
    await net.hub.waitDeliveriesIdle();
    // Assess
    expect([posted.status, envelopeOf(posted).status_code]).toEqual([201, 1000]);
    expect(envelopeOf(posted).status_message).toContain('the hub delivers it');
    expect(envelopeOf(pulled).data).toEqual([expect.objectContaining({ id: 'OFF1' })]);
    expect(envelopeOf(readBack).data).toMatchObject({ id: 'OFF1' });
    // A repeat is the same answer and no second delivery: the hub owes the eMSP the CDR once.
    expect(repeated.headers.location).toBe(posted.headers.location);
    expect(delivered().map((r) => (r.body as { id: string }).id)).toEqual(['OFF1']);
    // The stored CDR says how its delivery went, with the eMSP's own Location kept for support.
    expect(await cdrs.get('NL*CPA', 'OFF1')).toMatchObject({
      delivery: 'DELIVERED',
      emsp_location: expect.stringMatching(/\/cdrs\/NL\/CPA\/OFF1$/),
    });
  });

  it('delivers a CommandResult the CPO posts while the eMSP is down once the eMSP is back (issue #12 item 1)', async () => {
    // Prepare: the CPO posts its result 300 ms after accepting; by then the eMSP is down.
    net.cpo.configureCommands({ response: 'ACCEPTED', timeout: 30, sendResult: true, resultDelayMs: 300 });
    const { responseUrl } = await net.emsp.sendCommand(
      'START_SESSION',
      { token: tokenOf(net.emspParty, 'TOKEN1'), location_id: 'LOC1' },
      { to: net.cpoParty },
    );
    net.emsp.behave('down');
    // Act
    await net.cpo.waitFor(() => net.cpo.sentCallbacks.length >= 1, 10_000);
    net.emsp.behave('normal');
    const results = () => net.emsp.received.filter((r) => responseUrl.endsWith(r.path));
    await net.emsp.waitFor(() => results().length >= 1, 15_000);
    await net.hub.waitDeliveriesIdle();
    // Assess: the CPO was answered 200 when it posted, and the eMSP got the result once, late.
    expect(net.cpo.sentCallbacks[0]?.status).toBe(200);
    expect(results().map((r) => r.body)).toEqual([{ result: 'ACCEPTED' }]);
  });
});
