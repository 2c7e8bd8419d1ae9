import { describe, expect, it } from 'vitest';
import { findTenant, openTenant } from '../../functions/hub/hub-runtime';
import { rotateStaleCredentials } from '../../functions/hub/jobs/credential-rotation.job';
import type { SimulatedPlatform } from '../partners';
import { hubWithPlatforms } from '../support/platforms';

/** A clock the tests move forward to cross grace windows and token lifetimes. */
let offsetMs = 0;
const clock = () => Date.now() + offsetMs;

describe('credentials lifecycle: hub-initiated registration, rotation, unregister', () => {
  const fx = hubWithPlatforms({ now: clock });
  const { pool } = fx;

  const versionsStatus = async (platform: SimulatedPlatform, token?: string) =>
    (await platform.hubRequest('GET', fx.hub.versionsUrl(), token ? { token } : {})).status;

  it('connects to a partner with the token A it issued (hub-initiated registration)', async () => {
    // Prepare
    const emsp = await pool.create('EMSP', 'HI1');
    const { id } = await fx.hub.createPartner([{ role: 'EMSP', country_code: 'NL', party_id: 'HI1' }]);
    const tokenA = emsp.issueTokenA();
    // Act
    const res = await fx.hub.admin('POST', `/partners/${id}/connect`, {
      versions_url: emsp.versionsUrl,
      token: tokenA,
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'CONNECTED', version: '2.2.1' });
    expect(emsp.registered).toBe(true);
    expect(await versionsStatus(emsp)).toBe(200);
    expect(emsp.hubToken).not.toBe(tokenA);
  });

  it('reports a failed hub-initiated registration to the admin and changes nothing', async () => {
    // Prepare
    const cpo = await pool.create('CPO', 'HI2');
    const { id } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'HI2' }]);
    // Act
    const wrongToken = await fx.hub.admin('POST', `/partners/${id}/connect`, {
      versions_url: cpo.versionsUrl,
      token: 'not-issued',
    });
    const badBody = await fx.hub.admin('POST', `/partners/${id}/connect`, { versions_url: 'nope', token: 5 });
    // Assess
    expect(wrongToken.status).toBe(502);
    expect(wrongToken.body.error.code).toBe('partner_handshake_failed');
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toMatch(/versions_url|token/);
    expect((await fx.hub.admin('GET', `/partners/${id}`)).body.status).toBe('PLANNED');
  });

  it("rotates on the partner's initiative; the old token works during the grace window, then stops", async () => {
    // Prepare
    const { platform: cpo } = await pool.registered(fx.hub, 'CPO', 'RP1');
    const oldToken = cpo.hubToken as string;
    // Act
    await cpo.rotate();
    // Assess: the new token works, the old one still works (requests in flight) ...
    expect(cpo.hubToken).not.toBe(oldToken);
    expect(await versionsStatus(cpo)).toBe(200);
    expect(await versionsStatus(cpo, oldToken)).toBe(200);
    // ... until the grace window (10 minutes by default) has passed.
    offsetMs += 11 * 60_000;
    expect(await versionsStatus(cpo, oldToken)).toBe(401);
    expect(await versionsStatus(cpo)).toBe(200);
  });

  it("rotates on the hub's initiative (admin rotate) without locking the partner out", async () => {
    // Prepare
    const { platform: emsp, partnerId } = await pool.registered(fx.hub, 'EMSP', 'RH1');
    const oldPartnerToken = emsp.hubToken as string;
    const oldHubToken = emsp.inboundToken as string;
    // Act
    const res = await fx.hub.admin('POST', `/partners/${partnerId}/rotate`);
    // Assess
    expect(res.status).toBe(200);
    expect(emsp.hubToken).not.toBe(oldPartnerToken);
    expect(emsp.inboundToken).not.toBe(oldHubToken);
    expect(await versionsStatus(emsp)).toBe(200);
    expect(await versionsStatus(emsp, oldPartnerToken)).toBe(200);
    offsetMs += 11 * 60_000;
    expect(await versionsStatus(emsp, oldPartnerToken)).toBe(401);
    // The hub now presents the partner's new token: a second rotation authenticates with it.
    expect((await fx.hub.admin('POST', `/partners/${partnerId}/rotate`)).status).toBe(200);
  });

  it('keeps everything as it was when the partner refuses a hub-initiated rotation', async () => {
    // Prepare
    const { platform: cpo, partnerId } = await pool.registered(fx.hub, 'CPO', 'RF1');
    const tokenBefore = cpo.hubToken as string;
    cpo.behave('http500');
    // Act
    const res = await fx.hub.admin('POST', `/partners/${partnerId}/rotate`);
    cpo.behave('normal');
    // Assess
    expect(res.status).toBe(502);
    expect(res.body.error.message).toMatch(/500|unable/i);
    expect(await versionsStatus(cpo, tokenBefore)).toBe(200);
    const detail = await fx.hub.admin('GET', `/partners/${partnerId}`);
    expect(detail.body.status).toBe('CONNECTED');
    expect(detail.body.last_error).toBeTruthy();
    expect((await fx.hub.admin('POST', `/partners/${partnerId}/rotate`)).status).toBe(200);
  });

  it('rotates stale credentials on schedule and leaves fresh ones alone', async () => {
    // Prepare
    const { platform: stale, partnerId: staleId } = await pool.registered(fx.hub, 'CPO', 'SC1');
    const before = stale.hubToken;
    offsetMs += 31 * 86_400_000;
    const { partnerId: freshId } = await pool.registered(fx.hub, 'CPO', 'SC2');
    const tenant = findTenant(fx.hub.config, 'demo');
    if (!tenant) throw new Error('no demo tenant');
    const ctx = openTenant(fx.hub.runtime, tenant, fx.hub.runtime.log);
    // Act
    const result = await rotateStaleCredentials(ctx);
    // Assess
    expect(result.rotated).toContain(staleId);
    expect(result.rotated).not.toContain(freshId);
    expect(stale.hubToken).not.toBe(before);
    expect(await versionsStatus(stale)).toBe(200);
  });

  it("unregisters on the partner's DELETE: tokens revoked both ways, status SUSPENDED, data kept", async () => {
    // Prepare
    const { platform: emsp, partnerId } = await pool.registered(fx.hub, 'EMSP', 'UN1');
    const token = emsp.hubToken as string;
    // Act
    await emsp.unregister();
    // Assess
    expect(await versionsStatus(emsp, token)).toBe(401);
    const detail = await fx.hub.admin('GET', `/partners/${partnerId}`);
    expect(detail.body.status).toBe('SUSPENDED');
    expect(detail.body.endpoints.length).toBeGreaterThan(0);
  });

  it("unregisters on the admin's DELETE, telling the partner, and allows re-onboarding with a new token A", async () => {
    // Prepare
    const { platform: cpo, partnerId } = await pool.registered(fx.hub, 'CPO', 'UN2');
    const token = cpo.hubToken as string;
    cpo.clearRequests();
    // Act
    const res = await fx.hub.admin('DELETE', `/partners/${partnerId}`);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('SUSPENDED');
    expect(cpo.requests.some((r) => r.method === 'DELETE' && r.path.endsWith('/credentials'))).toBe(true);
    expect(await versionsStatus(cpo, token)).toBe(401);
    const fresh = await fx.hub.admin('POST', `/partners/${partnerId}/token-a`);
    expect(fresh.status).toBe(200);
    await cpo.registerWith(fx.hub.versionsUrl(), fresh.body.token_a);
    expect((await fx.hub.admin('GET', `/partners/${partnerId}`)).body.status).toBe('CONNECTED');
  });

  it('expires token A after its lifetime (7 days by default)', async () => {
    // Prepare
    const cpo = await pool.create('CPO', 'EXP');
    const { tokenA } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'EXP' }]);
    expect(await versionsStatus(cpo, tokenA)).toBe(200);
    // Act
    offsetMs += 8 * 86_400_000;
    // Assess
    expect(await versionsStatus(cpo, tokenA)).toBe(401);
  });
});
