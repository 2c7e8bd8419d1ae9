import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/test-hub';

describe('admin API: partners', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const cpo = (party: string) => ({ role: 'CPO', country_code: 'NL', party_id: party });

  it('creates a PLANNED partner and shows token A once', async () => {
    // Act
    const created = await hub.admin('POST', '/partners', {
      name: 'Charge Co',
      roles: [
        { ...cpo('ADM'), business_details: { name: 'Charge Co', website: 'https://charge.example.com' } },
      ],
    });
    const detail = await hub.admin('GET', `/partners/${created.body.id}`);
    const list = await hub.admin('GET', '/partners');
    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Charge Co',
      status: 'PLANNED',
      versions_url: hub.versionsUrl(),
    });
    expect(created.body.token_a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(detail.body).toMatchObject({ id: created.body.id, status: 'PLANNED', version: null });
    expect(detail.body.token_ages.token_a_age_seconds).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(detail.body)).not.toContain(created.body.token_a);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token_a);
    expect(list.body.partners.map((p: { id: string }) => p.id)).toContain(created.body.id);
  });

  it('refuses a party that another partner already holds, case-insensitively', async () => {
    // Prepare
    await hub.admin('POST', '/partners', { name: 'first', roles: [cpo('DUP')] });
    // Act
    const second = await hub.admin('POST', '/partners', {
      name: 'second',
      roles: [{ ...cpo('dup'), country_code: 'nl' }],
    });
    // Assess
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('party_taken');
  });

  it('accepts the same party id under another role', async () => {
    // Prepare
    await hub.admin('POST', '/partners', { name: 'cpo side', roles: [cpo('TWO')] });
    // Act
    const emsp = await hub.admin('POST', '/partners', {
      name: 'emsp side',
      roles: [{ ...cpo('TWO'), role: 'EMSP' }],
    });
    // Assess
    expect(emsp.status).toBe(201);
  });

  it('rejects malformed, wrong-type and oversized bodies with a 4xx naming the field', async () => {
    // Act
    const cases = await Promise.all([
      hub.admin('POST', '/partners', '{"name":'),
      hub.admin('POST', '/partners', { name: 42, roles: [cpo('WT1')] }),
      hub.admin('POST', '/partners', { name: 'x', roles: [{ ...cpo('WT2'), party_id: 'TOOLONG' }] }),
      hub.admin('POST', '/partners', { name: 'x', roles: [{ ...cpo('WT3'), role: 'HUB' }] }),
      hub.admin('POST', '/partners', { name: 'x', roles: [] }),
      hub.admin('POST', '/partners', { name: 'x', roles: [cpo('WT4')], extra: true }),
      hub.admin('POST', '/partners', { name: 'x'.repeat(2_000_000), roles: [cpo('WT5')] }),
    ]);
    const [notJson, wrongType, badParty, badRole, noRoles, unknownField, oversized] = cases;
    // Assess
    expect(notJson?.status).toBe(400);
    expect(wrongType?.status).toBe(400);
    expect(wrongType?.body.error.message).toMatch(/^name/);
    expect(badParty?.body.error.message).toMatch(/^roles\[0\]\.party_id/);
    expect(badRole?.body.error.message).toMatch(/^roles\[0\]\.role/);
    expect(noRoles?.body.error.message).toMatch(/^roles/);
    expect(unknownField?.status).toBe(400);
    expect(oversized?.status).toBe(413);
    for (const res of cases)
      expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  it('answers 404 for an unknown partner and 401 without a valid admin token', async () => {
    // Act
    const unknown = await hub.admin('GET', '/partners/00000000-0000-0000-0000-000000000000');
    const rotateUnknown = await hub.admin('POST', '/partners/nope/rotate');
    const noToken = await fetch(`${hub.url}/demo/admin/partners`);
    const wrongToken = await fetch(`${hub.url}/demo/admin/partners`, {
      headers: { Authorization: 'Bearer wrong-token-0123456789' },
    });
    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('partner_not_found');
    expect(rotateUnknown.status).toBe(404);
    expect(noToken.status).toBe(401);
    expect(wrongToken.status).toBe(401);
  });

  it('answers 409 when rotating a partner that never registered', async () => {
    // Prepare
    const created = await hub.admin('POST', '/partners', { name: 'planned', roles: [cpo('PLN')] });
    // Act
    const res = await hub.admin('POST', `/partners/${created.body.id}/rotate`);
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('partner_state');
  });

  it('serves the health check without authentication', async () => {
    // Act
    const res = await fetch(`${hub.url}/health`);
    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
