import { describe, expect, it } from 'vitest';
import { chunkedUpload } from '../support/chunked-upload';
import { hubWithPlatforms } from '../support/platforms';

const SIXTY_FOUR_MB = 64 * 1024 * 1024;

/**
 * Issue #10, finding 5: the 1 MB cap holds while the body streams. A body without Content-Length is
 * refused once it passes the cap, long before the sender is done, so the hub never holds it whole.
 */
describe('bodies without Content-Length', () => {
  const fx = hubWithPlatforms();

  it('refuses a chunked 64 MB OCPI body with 413 and the envelope while it still streams', async () => {
    // Prepare
    const { platform } = await fx.pool.registered(fx.hub, 'CPO', 'BIG');
    // Act
    const result = await chunkedUpload(`${fx.hub.url}/demo/ocpi/2.2.1/receiver/locations/NL/BIG/LOC1`, {
      method: 'PUT',
      headers: {
        Authorization: `Token ${Buffer.from(platform.hubToken ?? '').toString('base64')}`,
        'OCPI-from-country-code': 'NL',
        'OCPI-from-party-id': 'BIG',
      },
      totalBytes: SIXTY_FOUR_MB,
    });
    // Assess
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({
      status_code: 2000,
      status_message: expect.stringContaining('1048576'),
    });
    expect(result.bytesSentBeforeAnswer).toBeLessThan(SIXTY_FOUR_MB / 4);
  });

  it('refuses a chunked 64 MB admin body with 413 in the admin error shape while it still streams', async () => {
    // Act
    const result = await chunkedUpload(`${fx.hub.url}/demo/admin/partners`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fx.hub.adminTokens.get('demo')}` },
      totalBytes: SIXTY_FOUR_MB,
    });
    // Assess
    expect(result.status).toBe(413);
    expect(result.body).toEqual({ error: { code: 'too_large', message: expect.any(String) } });
    expect(result.bytesSentBeforeAnswer).toBeLessThan(SIXTY_FOUR_MB / 4);
  });
});
