import { describe, expect, it } from 'vitest';
import { cdrOf } from '../hub/charging/charging-fixtures';
import { locationOf } from '../hub/objects/object-fixtures';
import { hubWithPlatforms } from '../support/platforms';

const CPO = { country_code: 'NL', party_id: 'CPU' };
const EMSP = { country_code: 'NL', party_id: 'EMU' };
const CPO2 = { country_code: 'NL', party_id: 'CPV' };
const EMSP2 = { country_code: 'NL', party_id: 'EMV' };

/**
 * Issue #11 fault 2: a partner that advertises `…/locations/` and redirects `…/locations` must be
 * called at exactly the advertised URL when nothing is appended, and at `…/locations/{id}` otherwise.
 */
describe('calls to partners that advertise trailing-slash URLs', () => {
  const fx = hubWithPlatforms();

  async function strictPartners(CPO: { country_code: string; party_id: string }, EMSP: typeof CPO) {
    const [cpo, emsp] = await Promise.all([
      fx.pool.create('CPO', CPO.party_id),
      fx.pool.create('EMSP', EMSP.party_id),
    ]);
    cpo.behave('trailing-slash-urls');
    emsp.behave('trailing-slash-urls');
    for (const [platform, role] of [
      [cpo, 'CPO'],
      [emsp, 'EMSP'],
    ] as const) {
      const party = role === 'CPO' ? CPO : EMSP;
      const { tokenA } = await fx.hub.createPartner([{ role, ...party }]);
      await platform.registerWith(fx.hub.versionsUrl(), tokenA);
    }
    return { cpo, emsp };
  }

  it('forwards a GET-all to the advertised URL itself and a single GET to the URL joined without a double slash', async () => {
    // Prepare
    const { cpo, emsp } = await strictPartners(CPO, EMSP);
    cpo.seed('locations', [locationOf(CPO, 'LOC1')]);
    cpo.clearRequests();
    // Act
    const all = await emsp.hubRequest('GET', 'locations', { to: CPO });
    const one = await emsp.hubRequest('GET', 'locations/LOC1', { to: CPO });
    // Assess
    expect([all.status, (all.body as { status_code: number }).status_code]).toEqual([200, 1000]);
    expect((one.body as { status_code: number }).status_code).toBe(1000);
    expect(cpo.requests.map((r) => r.path).filter((p) => p.includes('/locations'))).toEqual([
      '/ocpi/2.2.1/sender/locations/',
      '/ocpi/2.2.1/sender/locations/LOC1',
    ]);
  });

  it('delivers a CDR to the advertised CDR endpoint itself, not to a redirect', async () => {
    // Prepare
    const { cpo, emsp } = await strictPartners(CPO2, EMSP2);
    // Act
    const posted = await cpo.postCdr(cdrOf(CPO2, EMSP2, 'CDR-SLASH'), { to: EMSP2 });
    // Assess
    expect(posted.status).toBe(201);
    await emsp.waitFor(() => emsp.stored('cdrs', CPO2.country_code, CPO2.party_id, 'CDR-SLASH'), 10_000);
    const cdrPosts = emsp.requests.filter((r) => r.method === 'POST' && r.path.includes('/cdrs'));
    expect(cdrPosts.map((r) => r.path)).toEqual(['/ocpi/2.2.1/receiver/cdrs/']);
  });
});
