import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundNetworkError, OutboundUrlRefusedError } from '../../functions/outbound/errors';
import {
  createPartnerHttpClient,
  type PartnerHttpClient,
} from '../../functions/outbound/partner-http-client';
import { type Canary, settle, startCanary } from './loopback-servers';

/**
 * Embedded forms that do not reach 127.0.0.1 on Linux (NAT64, 6to4, IPv4-compatible) are covered
 * by url-guard.test.ts without any socket, so a broken guard could never send them off the machine.
 * Every refused URL below points at a live loopback listener; it must see no connection at all,
 * which proves the guard refuses before connecting rather than after.
 */
describe('partner HTTP client refusals (loopback canary)', () => {
  let canary: Canary;
  let client: PartnerHttpClient;

  beforeAll(async () => {
    canary = await startCanary();
    // Loopback first: if the guard were broken, nothing would leave the machine.
    const dns: Record<string, string[]> = {
      'loopback.test': ['127.0.0.1'],
      'mixed.test': ['127.0.0.1', '8.8.8.8'],
    };
    client = createPartnerHttpClient({ resolve: async (host) => dns[host] ?? [] });
  });

  afterAll(async () => {
    await client.close();
    await canary.close();
  });

  const httpStrict = { allowHttp: true, allowPrivateAddresses: false };
  const cases = (
    port: number,
  ): [string, string, { allowHttp: boolean; allowPrivateAddresses: boolean }][] => [
    ['IPv4 loopback', `http://127.0.0.1:${port}/`, httpStrict],
    ['hex IPv4', `http://0x7f000001:${port}/`, httpStrict],
    ['decimal IPv4', `http://2130706433:${port}/`, httpStrict],
    ['short IPv4', `http://127.1:${port}/`, httpStrict],
    ['octal IPv4', `http://0177.0.0.1:${port}/`, httpStrict],
    ['IPv6 loopback', `http://[::1]:${port}/`, httpStrict],
    ['IPv4-mapped dotted', `http://[::ffff:127.0.0.1]:${port}/`, httpStrict],
    ['IPv4-mapped hex', `http://[::ffff:7f00:1]:${port}/`, httpStrict],
    ['host name resolving to loopback', `http://loopback.test:${port}/`, httpStrict],
    ['host name resolving to loopback and public', `http://mixed.test:${port}/`, httpStrict],
    [
      'http under an https-only policy',
      `http://127.0.0.1:${port}/`,
      { allowHttp: false, allowPrivateAddresses: true },
    ],
    [
      'credentials in the URL',
      `http://u:p@127.0.0.1:${port}/`,
      { allowHttp: true, allowPrivateAddresses: true },
    ],
    [
      'cloud metadata',
      'http://169.254.169.254/latest/meta-data',
      { allowHttp: true, allowPrivateAddresses: true },
    ],
  ];

  it('refuses every loopback form and opens no connection', async () => {
    // Prepare
    const refused: string[] = [];

    // Act
    for (const [name, url, policy] of cases(canary.port)) {
      const error = await client.request({ method: 'GET', url, policy }).catch((e: unknown) => e);
      if (error instanceof OutboundUrlRefusedError) refused.push(name);
    }
    await settle();

    // Assess
    expect(refused).toEqual(cases(canary.port).map(([name]) => name));
    expect(canary.connections()).toBe(0);
  });

  it('does reach the canary when private addresses are allowed, so the count can move', async () => {
    // Prepare
    const before = canary.connections();
    const policy = { allowHttp: true, allowPrivateAddresses: true };

    // Act
    const byAddress = await client
      .request({ method: 'GET', url: `http://127.0.0.1:${canary.port}/`, policy })
      .catch((e) => e);
    const byName = await client
      .request({ method: 'GET', url: `http://loopback.test:${canary.port}/`, policy })
      .catch((e) => e);

    // Assess
    expect(byAddress).toBeInstanceOf(OutboundNetworkError);
    expect(byName).toBeInstanceOf(OutboundNetworkError);
    expect(canary.connections()).toBe(before + 2);
  });
});
