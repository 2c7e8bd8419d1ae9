import { afterEach, describe, expect, it } from 'vitest';
import { createPair, type Pair } from './pair';

const startSession = { token: { uid: 'U1' }, location_id: 'L1' };

describe('simulated platform commands', () => {
  let pair: Pair;
  afterEach(async () => {
    await pair.close();
  });

  it('accepts a command and POSTs the result to the response_url later', async () => {
    // Prepare
    pair = await createPair({ register: true });
    pair.cpo.configureCommands({ timeout: 15, resultDelayMs: 20, result: 'ACCEPTED' });
    // Act
    const { response, responseUrl } = await pair.emsp.sendCommand('START_SESSION', startSession, {
      to: { country_code: 'NL', party_id: 'CPO' },
    });
    const result = await pair.emsp.waitFor(() =>
      pair.emsp.received.find((r) => r.module === 'commands' && r.method === 'POST'),
    );
    // Assess
    expect(response.body).toMatchObject({ status_code: 1000, data: { result: 'ACCEPTED', timeout: 15 } });
    expect(`${pair.emsp.baseUrl}${result.path}`).toBe(responseUrl);
    expect(result.body).toEqual({ result: 'ACCEPTED' });
    expect(result.headers['ocpi-from-party-id']).toBe('CPO');
    expect(result.headers['ocpi-to-party-id']).toBe('MSP');
    expect(pair.cpo.received[0]).toMatchObject({
      module: 'commands',
      path: '/ocpi/2.2.1/receiver/commands/START_SESSION',
    });
  });

  it('sends no result when told not to', async () => {
    // Prepare
    pair = await createPair({ register: true });
    pair.cpo.configureCommands({ sendResult: false, resultDelayMs: 0 });
    // Act
    await pair.emsp.sendCommand('STOP_SESSION', { session_id: 'S1' });
    // A second command whose result is sent: results go out in order, so once it arrives a result of
    // the first would have arrived before it.
    pair.cpo.configureCommands({ sendResult: true, resultDelayMs: 0, result: 'ACCEPTED' });
    const { responseUrl } = await pair.emsp.sendCommand('STOP_SESSION', { session_id: 'S2' });
    await pair.emsp.waitFor(() => pair.emsp.received.find((r) => r.module === 'commands'));
    await pair.cpo.waitFor(() => pair.cpo.sentCallbacks.length > 0);
    // Assess
    expect(pair.emsp.received.map((r) => `${pair.emsp.baseUrl}${r.path}`)).toEqual([responseUrl]);
    expect(pair.cpo.sentCallbacks).toHaveLength(1);
  });

  it('rejects a command without response_url with 2001', async () => {
    // Prepare
    pair = await createPair({ register: true });
    // Act
    const response = await pair.emsp.hubRequest('POST', 'commands/START_SESSION', { body: startSession });
    // Assess
    expect(response.body).toMatchObject({ status_code: 2001 });
  });
});
