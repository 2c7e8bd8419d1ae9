import { describe, expect, it } from 'vitest';
import { hubWithPlatforms } from '../support/platforms';

/** Tolerant reader (issue #3 item 9): real partners deviate from the letter of 2.2.1 in known ways. */
describe('registration with partners that deviate from the spec', () => {
  const fx = hubWithPlatforms();
  const { pool } = fx;

  it('registers a partner that sends raw tokens and answers base64 with 401, and talks raw to it afterwards', async () => {
    // Prepare
    const cpo = await pool.create('CPO', 'RAW', { tokenEncoding: 'raw' });
    cpo.behave('raw-token');
    const { tokenA, id } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'RAW' }]);
    // Act
    await cpo.registerWith(fx.hub.versionsUrl(), tokenA);
    // Assess
    expect((await fx.hub.admin('GET', `/partners/${id}`)).body.status).toBe('CONNECTED');
    expect((await cpo.hubRequest('GET', fx.hub.versionsUrl())).status).toBe(200);
    expect((await fx.hub.admin('POST', `/partners/${id}/rotate`)).status).toBe(200);
  });

  it('registers partners that answer 403 for 401, advertise trailing slashes or send lower-case CiStrings', async () => {
    for (const [party, mode] of [
      ['T01', 'status-403-for-401'],
      ['T02', 'trailing-slash-urls'],
      ['T03', 'lowercase-cistrings'],
    ] as const) {
      // Prepare
      const emsp = await pool.create('EMSP', party);
      emsp.behave(mode);
      const { tokenA, id } = await fx.hub.createPartner([
        { role: 'EMSP', country_code: 'NL', party_id: party },
      ]);
      // Act
      await emsp.registerWith(fx.hub.versionsUrl(), tokenA);
      const rotation = await fx.hub.admin('POST', `/partners/${id}/rotate`);
      // Assess
      expect((await fx.hub.admin('GET', `/partners/${id}`)).body.status).toBe('CONNECTED');
      expect(rotation.status).toBe(200);
      // Every URL the hub called was joined without a doubled slash.
      expect(emsp.requests.every((r) => !r.path.includes('//'))).toBe(true);
    }
  });
});
