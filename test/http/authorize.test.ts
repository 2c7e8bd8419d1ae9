import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushToken } from '../../functions/hub/objects/tokens.service';
import { tokenOf } from '../hub/charging/charging-fixtures';
import { type ChargingNetwork, envelopeOf, startChargingNetwork } from '../hub/charging/charging-network';

const AUTHORIZE = '/demo/ocpi/2.2.1/sender/tokens';

describe('real-time authorization through the hub', () => {
  let net: ChargingNetwork;

  beforeAll(async () => {
    net = await startChargingNetwork({ timeoutMs: 600 });
    // The eMSP's token as the hub stores it after the eMSP pushed it (open routing source).
    const token = tokenOf(net.emspParty, 'OPEN1');
    await pushToken(net.tenantContext(), {
      method: 'PUT',
      owner: net.emspParty,
      uid: 'OPEN1',
      type: 'RFID',
      body: token,
      bodyText: JSON.stringify(token),
      correlationId: 'seed',
    });
  });
  afterAll(async () => {
    await net?.close();
  });

  it('relays the AuthorizationInfo unchanged when addressed with OCPI-to headers', async () => {
    // Prepare
    const token = tokenOf(net.emspParty, 'HDR1', { visual_number: 'V-1', extra_field: 'kept' });
    net.emsp.seed('tokens', [token]);
    // Act
    const answer = await net.cpo.hubRequest('POST', `${AUTHORIZE}/HDR1/authorize`, { to: net.emspParty });
    // Assess
    expect(answer.status).toBe(200);
    expect(envelopeOf(answer).data).toMatchObject({ allowed: 'ALLOWED', token });
    const atEmsp = net.emsp.received.findLast((r) => r.path.endsWith('/HDR1/authorize'));
    expect(atEmsp?.headers['ocpi-from-party-id']).toBe('CPA');
  });

  it("finds the eMSP from the hub's stored tokens when OCPI-to headers are absent", async () => {
    // Prepare
    net.emsp.setAuthorization('OPEN1', 'BLOCKED');
    // Act
    const answer = await net.cpo.hubRequest('POST', `${AUTHORIZE}/OPEN1/authorize?type=RFID`, {
      body: { location_id: 'LOC1', evse_uids: ['EVSE1'] },
    });
    // Assess: blocked is still 1000 (ocpi-notes §4.5), the LocationReferences reached the eMSP.
    expect(envelopeOf(answer)).toMatchObject({ status_code: 1000, data: { allowed: 'BLOCKED' } });
    expect(net.emsp.received.findLast((r) => r.path.endsWith('/OPEN1/authorize'))?.body).toEqual({
      location_id: 'LOC1',
      evse_uids: ['EVSE1'],
    });
  });

  it('answers HTTP 404 with 2004 for a token no party owns', async () => {
    // Act
    const answer = await net.cpo.hubRequest('POST', `${AUTHORIZE}/NOBODY/authorize`);
    // Assess
    expect(answer.status).toBe(404);
    expect(envelopeOf(answer).status_code).toBe(2004);
  });

  it("relays the eMSP's own HTTP 404 with 2004", async () => {
    // Prepare
    net.emsp.setAuthorization('GONE1', 'unknown');
    // Act
    const answer = await net.cpo.hubRequest('POST', `${AUTHORIZE}/GONE1/authorize`, { to: net.emspParty });
    // Assess
    expect([answer.status, envelopeOf(answer).status_code]).toEqual([404, 2004]);
  });

  it('answers 4002 within the configured bound when the eMSP is too slow', async () => {
    // Prepare
    net.emsp.setAuthorization('SLOW1', 'ALLOWED');
    // Scoped to the authorization: a ClientInfo push still on its way from the registrations (the
    // stream-fed outbox can lag the pending-deliveries view) must not take the slow answer instead.
    net.emsp.failNext(1, 'slow', { delayMs: 2_000, pathEndsWith: '/SLOW1/authorize' });
    const started = Date.now();
    // Act
    const answer = await net.cpo.hubRequest('POST', `${AUTHORIZE}/SLOW1/authorize`, { to: net.emspParty });
    // Assess
    expect(envelopeOf(answer).status_code).toBe(4002);
    expect(Date.now() - started).toBeLessThan(1_800);
  });

  it('refuses a caller that is not a CPO', async () => {
    // Act
    const answer = await net.emsp.hubRequest('POST', `${AUTHORIZE}/OPEN1/authorize`, { to: net.emspParty });
    // Assess
    expect(envelopeOf(answer).status_code).toBe(2001);
    expect(envelopeOf(answer).status_message).toContain('OCPI-from-party-id');
  });

  it('answers 2001 naming the parameter for a bad type or LocationReferences body', async () => {
    // Act
    const badType = await net.cpo.hubRequest('POST', `${AUTHORIZE}/OPEN1/authorize?type=NOT%20A%20TYPE`);
    const badBody = await net.cpo.hubRequest('POST', `${AUTHORIZE}/OPEN1/authorize`, {
      body: { evse_uids: 'x' },
    });
    // Assess
    expect(envelopeOf(badType).status_code).toBe(2001);
    expect(envelopeOf(badType).status_message).toContain('type');
    expect(envelopeOf(badBody).status_code).toBe(2001);
    expect(envelopeOf(badBody).status_message).toContain('body.location_id');
  });
});
