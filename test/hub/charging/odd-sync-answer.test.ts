import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMMAND_RESULT_MARGIN_MS,
  DEFAULT_COMMAND_TIMEOUT_S,
} from '../../../functions/hub/charging/command.service';
import { expireCommands } from '../../../functions/hub/jobs/command-timeouts.job';
import type { SimulatedPlatform } from '../../partners';
import { sessionOf, tokenOf } from './charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from './charging-network';

/** Synchronous answers real CPOs give instead of a CommandResponse envelope (issue #11 fault 3). */
const ODD_ANSWERS = {
  'a bare CommandResponse without envelope': '{"result":"ACCEPTED","timeout":30}',
  'a list-wrapped, lower-case one with a string timeout':
    '{"data":[{"result":"accepted","timeout":"30"}],"status_code":1000,"timestamp":"2024-01-01T00:00:00Z"}',
  'an envelope without data': '{"status_code":1000,"timestamp":"2024-01-01T00:00:00Z"}',
  'no JSON at all': 'OK',
};

describe('a CPO whose synchronous answer is odd (issue #11 fault 3)', () => {
  let net: ChargingNetwork;
  let scsp: SimulatedPlatform;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    net = await startChargingNetwork({ now: () => Date.now() + clockOffsetMs });
    scsp = await net.join('SCSP', 'SCA');
  });
  afterAll(async () => {
    await net?.close();
  });

  const resultsAt = (platform: SimulatedPlatform, responseUrl: string) =>
    platform.received.filter((r) => responseUrl.endsWith(r.path));

  it.each(Object.entries(ODD_ANSWERS))(
    'keeps the command open after %s and delivers the result the CPO posts later',
    async (_name, answerBody) => {
      // Prepare: the result comes well after the hub has read the odd answer.
      const { cpo, emsp, emspParty, cpoParty } = net;
      cpo.configureCommands({ answerBody, result: 'ACCEPTED', sendResult: true, resultDelayMs: 300 });
      // Act
      const { responseUrl } = await emsp.sendCommand(
        'START_SESSION',
        { token: tokenOf(emspParty, 'TOKEN1'), location_id: 'LOC1' },
        { to: cpoParty },
      );
      await emsp.waitFor(() => resultsAt(emsp, responseUrl).length >= 1, 10_000);
      await net.hub.waitDeliveriesIdle();
      // Assess: the CPO's real result reached the eMSP, once.
      expect(resultsAt(emsp, responseUrl).map((r) => r.body)).toEqual([{ result: 'ACCEPTED' }]);
    },
  );

  it('times out a command with an odd answer and no result, but not one the CPO clearly rejected', async () => {
    // Prepare
    const { cpo, emsp, emspParty, cpoParty } = net;
    cpo.configureCommands({ answerBody: '{"result":"ACCEPTED"}', sendResult: false });
    const odd = await emsp.sendCommand(
      'START_SESSION',
      { token: tokenOf(emspParty, 'TOKEN2'), location_id: 'LOC1' },
      { to: cpoParty },
    );
    cpo.configureCommands({ answerBody: undefined, response: 'REJECTED', sendResult: false });
    const rejected = await emsp.sendCommand(
      'START_SESSION',
      { token: tokenOf(emspParty, 'TOKEN3'), location_id: 'LOC1' },
      { to: cpoParty },
    );
    // Act: past the default wait the hub gives a CPO that named no usable timeout.
    clockOffsetMs = DEFAULT_COMMAND_TIMEOUT_S * 1000 + COMMAND_RESULT_MARGIN_MS + 1_000;
    const expired = await expireCommands(net.tenantContext());
    await emsp.waitFor(() => resultsAt(emsp, odd.responseUrl).length >= 1, 10_000);
    await net.hub.waitDeliveriesIdle();
    clockOffsetMs = 0;
    // Assess
    expect(envelopeOf(rejected.response).data).toMatchObject({ result: 'REJECTED' });
    expect(expired).toBe(1);
    expect(resultsAt(emsp, odd.responseUrl).map((r) => r.body)).toEqual([
      expect.objectContaining({ result: 'TIMEOUT' }),
    ]);
    expect(resultsAt(emsp, rejected.responseUrl)).toEqual([]);
  });

  it('delivers a charging-profile result and later ActiveChargingProfiles after an odd ChargingProfileResponse', async () => {
    // Prepare
    const { cpo, emspParty, cpoParty } = net;
    await cpo.hubRequest('PUT', 'sessions/NL/CPA/ODD1', { body: sessionOf(cpoParty, emspParty, 'ODD1') });
    cpo.configureCommands({
      answerBody: '[{"result":"ACCEPTED","timeout":30}]',
      sendResult: true,
      resultDelayMs: 300,
    });
    const own = `${scsp.endpointUrl('chargingprofiles', 'SENDER')}/results/odd-1`;
    const profile = { charging_rate_unit: 'W', charging_profile_period: [{ start_period: 0, limit: 7400 }] };
    // Act
    await scsp.hubRequest('PUT', 'chargingprofiles/ODD1', {
      body: { charging_profile: profile, response_url: own },
      to: cpoParty,
    });
    await scsp.waitFor(() => resultsAt(scsp, own).length >= 1, 10_000);
    const active = { start_date_time: '2024-01-10T10:00:00Z', charging_profile: profile };
    const pushed = await cpo.hubRequest('PUT', '/demo/ocpi/2.2.1/sender/chargingprofiles/ODD1', {
      body: active,
    });
    await net.hub.waitDeliveriesIdle();
    // Assess
    expect(resultsAt(scsp, own).map((r) => r.body)).toEqual([{ result: 'ACCEPTED' }]);
    expect(envelopeOf(pushed).status_code).toBe(1000);
    const atScsp = scsp.received.filter(
      (r) => r.module === 'chargingprofiles' && r.method === 'PUT' && r.path.endsWith('/ODD1'),
    );
    expect(atScsp.map((r) => r.body)).toEqual([active]);
  });
});
