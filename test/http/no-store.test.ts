import { describe, expect, it } from 'vitest';
import { hubWithPlatforms } from '../support/platforms';

/** Issue #10 (low): every answer that carries a token says `Cache-Control: no-store`. */
describe('answers carrying a token are never cached', () => {
  const fx = hubWithPlatforms();

  it('marks token A of a new partner and of a re-onboarding no-store', async () => {
    // Act
    const created = await fetch(`${fx.hub.url}/demo/admin/partners`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${fx.hub.adminTokens.get('demo')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'n', roles: [{ role: 'CPO', country_code: 'NL', party_id: 'NS1' }] }),
    });
    const { id } = (await created.json()) as { id: string };
    const again = await fetch(`${fx.hub.url}/demo/admin/partners/${id}/token-a`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fx.hub.adminTokens.get('demo')}` },
    });
    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(again.status).toBe(200);
    expect(again.headers.get('cache-control')).toBe('no-store');
  });

  it('marks every credentials answer no-store', async () => {
    // Prepare
    const { platform } = await fx.pool.registered(fx.hub, 'EMSP', 'NS2');
    // Act
    const got = await platform.hubRequest('GET', 'credentials');
    const refused = await platform.hubRequest('POST', 'credentials', { body: {} });
    // Assess
    expect(got.status).toBe(200);
    expect((got.body as { data: { token: string } }).data.token).toBe(platform.hubToken);
    expect(got.headers['cache-control']).toBe('no-store');
    expect(refused.status).toBe(405);
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});
