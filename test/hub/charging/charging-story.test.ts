import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdrOf, periodAt, sessionOf, tokenOf } from './charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from './charging-network';

// Both manners of partners: spec-perfect, and as real OCPI libraries behave (issue #11).
describe.each(['polite', 'real-world'] as const)(
  'the charging story through the hub (%s partners)',
  (profile) => {
    let net: ChargingNetwork;

    beforeAll(async () => {
      net = await startChargingNetwork({ profile });
    });
    afterAll(async () => {
      await net?.close();
    });

    it('carries authorize, start, session updates, stop and the CDR between a CPO and an eMSP', async () => {
      // Prepare
      const { cpo, emsp, cpoParty, emspParty, hub } = net;
      emsp.setAuthorization('TOKEN1', 'ALLOWED');
      cpo.configureCommands({ response: 'ACCEPTED', timeout: 30, result: 'ACCEPTED', resultDelayMs: 20 });

      // Act 1: the driver presents the card; the CPO asks the eMSP through the hub.
      const authorize = await cpo.hubRequest(
        'POST',
        '/demo/ocpi/2.2.1/sender/tokens/TOKEN1/authorize?type=RFID',
        {
          to: emspParty,
          body: { location_id: 'LOC1' },
        },
      );
      // Assess 1: the AuthorizationInfo comes back as the eMSP sent it.
      expect(authorize.status).toBe(200);
      expect(envelopeOf(authorize).data).toMatchObject({
        allowed: 'ALLOWED',
        location: { location_id: 'LOC1' },
      });
      expect(authorize.headers['ocpi-from-party-id']).toBe('EMA');

      // Act 2: the eMSP starts the session remotely; the CPO answers and posts its result later.
      const start = await emsp.sendCommand(
        'START_SESSION',
        { token: tokenOf(emspParty, 'TOKEN1'), location_id: 'LOC1', evse_uid: 'EVSE1' },
        { to: cpoParty },
      );
      // Assess 2: the CPO saw a hub response_url; the eMSP got the CPO's result at its own URL.
      expect(envelopeOf(start.response).data).toEqual({ result: 'ACCEPTED', timeout: 30 });
      const atCpo = cpo.received.find((r) => r.module === 'commands');
      const hubResponseUrl = (atCpo?.body as { response_url?: string } | undefined)?.response_url ?? '';
      expect(hubResponseUrl.startsWith(`${hub.url}/demo/ocpi/2.2.1/sender/commands/`)).toBe(true);
      const result = await emsp.waitFor(() => emsp.received.find((r) => start.responseUrl.endsWith(r.path)));
      expect(result.body).toMatchObject({ result: 'ACCEPTED' });
      expect(result.headers['x-correlation-id']).toBe(atCpo?.headers['x-correlation-id']);

      // Act 3: the CPO pushes the session and two PATCHes with new charging periods.
      const session = sessionOf(cpoParty, emspParty, 'S1');
      const put = await cpo.hubRequest('PUT', 'sessions/NL/CPA/S1', { body: session });
      const patch1 = await cpo.hubRequest('PATCH', 'sessions/NL/CPA/S1', {
        body: {
          kwh: 3,
          charging_periods: [periodAt('2024-01-10T10:15:00Z', 1.5)],
          last_updated: '2024-01-10T10:15:00Z',
        },
      });
      await cpo.hubRequest('PATCH', 'sessions/NL/CPA/S1', {
        body: {
          kwh: 4,
          charging_periods: [periodAt('2024-01-10T10:30:00Z', 1)],
          last_updated: '2024-01-10T10:30:00Z',
        },
      });
      // The hub stores the session, answers the CPO, then delivers the pushes in order from its outbox.
      await emsp.waitFor(() => emsp.stored('sessions', 'NL', 'CPA', 'S1')?.kwh === 4, 10_000);
      // Assess 3: the eMSP holds the session with all three periods, and so does the hub.
      expect([put.status, envelopeOf(put).status_code, envelopeOf(patch1).status_code]).toEqual([
        201, 1000, 1000,
      ]);
      expect(emsp.stored('sessions', 'NL', 'CPA', 'S1')).toMatchObject({ kwh: 4 });
      expect(emsp.stored('sessions', 'NL', 'CPA', 'S1')?.charging_periods).toHaveLength(3);
      const pulled = await emsp.hubRequest('GET', 'sessions?date_from=2024-01-01T00:00:00Z');
      expect(envelopeOf(pulled).data).toEqual([expect.objectContaining({ id: 'S1', kwh: 4 })]);
      expect(envelopeOf(pulled).data[0].charging_periods).toHaveLength(3);

      // Act 4: the eMSP stops the session without OCPI-to headers: the hub knows the session's CPO.
      const stop = await emsp.sendCommand('STOP_SESSION', { session_id: 'S1' });
      // Assess 4
      expect(envelopeOf(stop.response).data).toMatchObject({ result: 'ACCEPTED' });
      await emsp.waitFor(() => emsp.received.find((r) => stop.responseUrl.endsWith(r.path)));

      // Act 5: the CPO posts the CDR without OCPI-to headers: routed by its cdr_token.
      const posted = await cpo.postCdr(cdrOf(cpoParty, emspParty, 'CDR1'));
      // The hub stores the CDR, answers the CPO, then delivers it to the eMSP from its outbox.
      await emsp.waitFor(() => emsp.stored('cdrs', 'NL', 'CPA', 'CDR1'), 10_000);
      // Assess 5: the eMSP got the CDR; the CPO got a hub Location, not the eMSP's.
      expect([posted.status, envelopeOf(posted).status_code]).toEqual([201, 1000]);
      expect(emsp.stored('cdrs', 'NL', 'CPA', 'CDR1')).toMatchObject({ id: 'CDR1' });
      const location = posted.headers.location ?? '';
      expect(location.startsWith(`${hub.url}/demo/ocpi/2.2.1/sender/cdrs/`)).toBe(true);

      // Act 6: the eMSP reads the CDR back through the hub URL.
      const readBack = await emsp.hubRequest('GET', location);
      // Assess 6
      expect(readBack.status).toBe(200);
      expect(envelopeOf(readBack).data).toMatchObject({ id: 'CDR1', total_energy: 15.342 });
    });
  },
);
