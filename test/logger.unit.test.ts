import { describe, expect, it } from 'vitest';
import { redactTokenUids } from '../functions/logger';

describe('redactTokenUids', () => {
  it.each([
    [
      '/alpha/ocpi/2.2.1/receiver/tokens/NL/SE1/04A2B3?type=RFID',
      '/alpha/ocpi/2.2.1/receiver/tokens/NL/SE1/[uid]?type=RFID',
    ],
    [
      'http://p/ocpi/2.2.1/sender/tokens/04A2B3/authorize?type=RFID',
      'http://p/ocpi/2.2.1/sender/tokens/[uid]/authorize?type=RFID',
    ],
    ['tokens:NL*SE1*04A2B3*RFID', 'tokens:NL*SE1*[uid]*RFID'],
    [
      'unknown token at /demo/ocpi/2.1.1/tokens/NL/SE1/04A2B3',
      'unknown token at /demo/ocpi/2.1.1/tokens/NL/SE1/[uid]',
    ],
  ])('hides the UID in %s', (text, redacted) => {
    // Act / Assess
    expect(redactTokenUids(text)).toBe(redacted);
  });

  it.each(['/alpha/ocpi/2.2.1/sender/tokens?offset=10', '/alpha/ocpi/2.2.1/receiver/locations/NL/SC1/LOC1'])(
    'leaves %s as it is',
    (text) => {
      // Act / Assess
      expect(redactTokenUids(text)).toBe(text);
    },
  );
});
