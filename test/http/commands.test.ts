import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushLocation } from '../../functions/hub/objects/locations.service';
import { sessionOf, tokenOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../hub/charging/charging-network';
import type { SimulatedPlatform } from '../partners';

const COMMANDS = '/demo/ocpi/2.2.1/receiver/commands';

describe('commands through the hub', () => {
  let net: ChargingNetwork;
  let otherCpo: SimulatedPlatform;
  let otherEmsp: SimulatedPlatform;
  const otherEmspParty = { country_code: 'NL', party_id: 'EMB' };

  beforeAll(async () => {
    net = await startChargingNetwork();
    [otherCpo, otherEmsp] = await Promise.all([net.join('CPO', 'CPB'), net.join('EMSP', 'EMB')]);
    const location = {
      country_code: 'NL',
      party_id: 'CPA',
      id: 'LOCA',
      publish: true,
      address: 'Street 1',
      city: 'Utrecht',
      country: 'NLD',
      coordinates: { latitude: '52.090737', longitude: '5.121420' },
      time_zone: 'Europe/Amsterdam',
      last_updated: '2024-01-01T00:00:00Z',
    };
    await pushLocation(net.tenantContext(), {
      owner: net.cpoParty,
      change: { method: 'PUT', path: { locationId: 'LOCA' }, body: location },
      bodyText: JSON.stringify(location),
      correlationId: 'seed',
    });
  });
  afterAll(async () => {
    await net?.close();
  });

  const commandsAt = (platform: SimulatedPlatform) =>
    platform.received.filter((r) => r.module === 'commands');

  it('routes START_SESSION to the owner of the location when OCPI-to headers are absent', async () => {
    // Prepare
    net.cpo.configureCommands({ response: 'ACCEPTED', timeout: 30, sendResult: true, resultDelayMs: 10 });
    // Act
    const { response, responseUrl } = await net.emsp.sendCommand('START_SESSION', {
      token: tokenOf(net.emspParty, 'T1'),
      location_id: 'LOCA',
    });
    // Assess
    expect(envelopeOf(response).data).toMatchObject({ result: 'ACCEPTED' });
    await net.emsp.waitFor(() => net.emsp.received.find((r) => responseUrl.endsWith(r.path)));
  });

  it('answers 2003 for an unknown location without OCPI-to headers', async () => {
    // Act
    const { response } = await net.emsp.sendCommand('START_SESSION', {
      token: tokenOf(net.emspParty, 'T1'),
      location_id: 'NOWHERE',
    });
    // Assess
    expect(envelopeOf(response).status_code).toBe(2003);
  });

  it("refuses a command with another eMSP's token, and reaches no CPO", async () => {
    // Prepare
    const before = commandsAt(net.cpo).length;
    // Act
    const { response } = await net.emsp.sendCommand(
      'START_SESSION',
      { token: tokenOf(otherEmspParty, 'T2'), location_id: 'LOCA' },
      { to: net.cpoParty },
    );
    // Assess
    expect(envelopeOf(response).status_code).toBe(2001);
    expect(envelopeOf(response).status_message).toContain('token');
    expect(commandsAt(net.cpo)).toHaveLength(before);
  });

  it("refuses STOP_SESSION of another eMSP's session", async () => {
    // Prepare
    await net.cpo.hubRequest('PUT', 'sessions/NL/CPA/SOTHER', {
      body: sessionOf(net.cpoParty, otherEmspParty, 'SOTHER'),
    });
    // Act
    const { response } = await net.emsp.sendCommand(
      'STOP_SESSION',
      { session_id: 'SOTHER' },
      { to: net.cpoParty },
    );
    // Assess
    expect(envelopeOf(response).status_code).toBe(2001);
    expect(envelopeOf(response).status_message).toContain('session_id');
  });

  it('accepts a result only from the CPO the command went to, and forwards it once', async () => {
    // Prepare
    net.cpo.configureCommands({ response: 'ACCEPTED', timeout: 30, sendResult: false });
    const { responseUrl } = await net.emsp.sendCommand(
      'UNLOCK_CONNECTOR',
      { location_id: 'LOCA', evse_uid: 'E1', connector_id: '1' },
      { to: net.cpoParty },
    );
    const hubUrl = String((commandsAt(net.cpo).at(-1)?.body as { response_url?: string })?.response_url);
    // Act
    const byOtherCpo = await otherCpo.hubRequest('POST', hubUrl, { body: { result: 'ACCEPTED' } });
    const byEmsp = await otherEmsp.hubRequest('POST', hubUrl, { body: { result: 'ACCEPTED' } });
    const first = await net.cpo.hubRequest('POST', hubUrl, {
      body: { result: 'ACCEPTED' },
      to: net.emspParty,
    });
    const repeat = await net.cpo.hubRequest('POST', hubUrl, {
      body: { result: 'FAILED' },
      to: net.emspParty,
    });
    // The hub owes the eMSP the first result and delivers it from its outbox.
    const results = () => net.emsp.received.filter((r) => responseUrl.endsWith(r.path));
    await net.emsp.waitFor(() => results().length >= 1, 10_000);
    await net.hub.waitDeliveriesIdle();
    // Assess
    expect([byOtherCpo.status, byEmsp.status]).toEqual([404, 404]);
    expect([envelopeOf(first).status_code, envelopeOf(repeat).status_code]).toEqual([1000, 1000]);
    expect(envelopeOf(repeat).status_message).toContain('already received');
    expect(results().map((r) => r.body)).toEqual([{ result: 'ACCEPTED' }]);
  });

  it('answers a replayed command with the first answer and sends it to the CPO once', async () => {
    // Prepare
    net.cpo.configureCommands({ response: 'ACCEPTED', timeout: 30, sendResult: false });
    const body = {
      response_url: `${net.emsp.endpointUrl('commands', 'SENDER')}/CANCEL_RESERVATION/fixed-1`,
      reservation_id: 'R1',
    };
    const before = commandsAt(net.cpo).length;
    // Act
    const first = await net.emsp.hubRequest('POST', `${COMMANDS}/CANCEL_RESERVATION`, {
      body,
      to: net.cpoParty,
    });
    const replay = await net.emsp.hubRequest('POST', `${COMMANDS}/CANCEL_RESERVATION`, {
      body,
      to: net.cpoParty,
    });
    // Assess
    expect(replay.body).toEqual(first.body);
    expect(commandsAt(net.cpo)).toHaveLength(before + 1);
  });

  it('finds the CPO of a reservation for CANCEL_RESERVATION without OCPI-to headers', async () => {
    // Prepare
    net.cpo.configureCommands({ response: 'ACCEPTED', timeout: 30, sendResult: false });
    await net.emsp.sendCommand('RESERVE_NOW', {
      token: tokenOf(net.emspParty, 'T1'),
      expiry_date: '2030-01-01T00:00:00Z',
      reservation_id: 'R7',
      location_id: 'LOCA',
    });
    const before = commandsAt(net.cpo).length;
    // Act
    const { response } = await net.emsp.sendCommand('CANCEL_RESERVATION', { reservation_id: 'R7' });
    // Assess
    expect(envelopeOf(response).data).toMatchObject({ result: 'ACCEPTED' });
    expect(commandsAt(net.cpo)).toHaveLength(before + 1);
  });

  it('answers 2001 naming the field for malformed command bodies and unknown commands', async () => {
    // Act
    const noLocation = await net.emsp.sendCommand('START_SESSION', { token: tokenOf(net.emspParty, 'T1') });
    const connectorOnly = await net.emsp.sendCommand('START_SESSION', {
      token: tokenOf(net.emspParty, 'T1'),
      location_id: 'LOCA',
      connector_id: '1',
    });
    const badToken = await net.emsp.sendCommand('START_SESSION', {
      token: tokenOf(net.emspParty, 'T1', { valid: 'yes' }),
      location_id: 'LOCA',
    });
    const unknown = await net.emsp.sendCommand(
      'SELF_DESTRUCT',
      { location_id: 'LOCA' },
      { to: net.cpoParty },
    );
    // Assess
    const messages = [noLocation, connectorOnly, badToken, unknown].map((r) => envelopeOf(r.response));
    expect(messages.map((m) => m.status_code)).toEqual([2001, 2001, 2001, 2001]);
    expect(messages[0]?.status_message).toContain('location_id');
    expect(messages[1]?.status_message).toContain('evse_uid');
    expect(messages[2]?.status_message).toContain('token.valid');
    expect(messages[3]?.status_message).toContain('command');
  });

  it('refuses a CPO sending commands', async () => {
    // Act
    const answer = await net.cpo.hubRequest('POST', `${COMMANDS}/STOP_SESSION`, {
      body: { response_url: 'http://127.0.0.1/x', session_id: 'S1' },
      to: net.cpoParty,
    });
    // Assess
    expect(envelopeOf(answer).status_code).toBe(2001);
  });

  it.each([
    ['another eMSP', () => `${otherEmsp.endpointUrl('commands', 'SENDER')}/STOP_SESSION/steal`],
    ['the CPO itself', () => `${net.cpo.endpointUrl('commands', 'RECEIVER')}/loop`],
    ['a host nobody registered', () => 'https://collector.example/ocpi/results'],
  ])(
    'refuses a response_url at %s with 2001 naming it, and sends nothing to the CPO (issue #10)',
    async (_label, url) => {
      // Prepare
      const before = commandsAt(net.cpo).length;
      // Act
      const answer = await net.emsp.hubRequest('POST', `${COMMANDS}/STOP_SESSION`, {
        body: { response_url: url(), session_id: 'S1' },
        to: net.cpoParty,
      });
      // Assess
      expect(envelopeOf(answer).status_code).toBe(2001);
      expect(envelopeOf(answer).status_message).toMatch(/^invalid parameter: response_url: /);
      expect(commandsAt(net.cpo)).toHaveLength(before);
    },
  );
});
