import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type OutboundError,
  OutboundNetworkError,
  OutboundResponseTooLargeError,
  OutboundTimeoutError,
  OutboundUrlRefusedError,
} from '../../functions/outbound/errors';
import {
  createPartnerHttpClient,
  type OutboundRefusedEvent,
  type PartnerHttpClient,
  type PartnerRequest,
} from '../../functions/outbound/partner-http-client';
import { type Canary, type LoopbackHttpServer, startCanary, startHttpServer } from './loopback-servers';

const SECRET = 'secret-xyz';
const local = { allowHttp: true, allowPrivateAddresses: true };
const strict = { allowHttp: true, allowPrivateAddresses: false };
type OutboundErrorClass = new (...args: never[]) => OutboundError;

/** Every failure path, each carrying the token in the Authorization header and in the query string. */
describe('outbound error messages', () => {
  let canary: Canary;
  let partner: LoopbackHttpServer;
  let client: PartnerHttpClient;
  const refusals: OutboundRefusedEvent[] = [];

  beforeAll(async () => {
    canary = await startCanary();
    partner = await startHttpServer((req, res) => {
      if (req.url?.startsWith('/big')) res.end(Buffer.alloc(4096, 'a'));
      else if (req.url?.startsWith('/announced')) {
        res.writeHead(200, { 'content-length': '999999' });
        res.write('x');
      } else res.flushHeaders();
    });
    client = createPartnerHttpClient({
      maxResponseBytes: 1024,
      resolve: async (host) => {
        throw Object.assign(new Error(`lookup ${host} failed for ${SECRET}`), { code: 'ENOTFOUND' });
      },
      onRefused: (event) => refusals.push(event),
    });
  });

  afterAll(async () => {
    await client.close();
    await partner.close();
    await canary.close();
  });

  const headers = { authorization: `Token ${SECRET}` };
  const failures = (): [string, PartnerRequest, OutboundErrorClass][] => [
    [
      'private address',
      { method: 'GET', url: `http://10.0.0.1/v?token=${SECRET}`, headers, policy: strict },
      OutboundUrlRefusedError,
    ],
    [
      'credentials',
      { method: 'GET', url: `http://u:${SECRET}@127.0.0.1:${partner.port}/`, headers, policy: local },
      OutboundUrlRefusedError,
    ],
    [
      'invalid URL',
      { method: 'GET', url: `ht!tp://${SECRET}`, headers, policy: local },
      OutboundUrlRefusedError,
    ],
    [
      'timeout',
      {
        method: 'POST',
        url: partner.url(`/hang?access_token=${SECRET}`),
        headers,
        body: '{}',
        timeoutMs: 200,
        policy: local,
      },
      OutboundTimeoutError,
    ],
    [
      'streamed too large',
      { method: 'GET', url: partner.url(`/big?token=${SECRET}`), headers, policy: local },
      OutboundResponseTooLargeError,
    ],
    [
      'announced too large',
      { method: 'GET', url: partner.url(`/announced?token=${SECRET}`), headers, policy: local },
      OutboundResponseTooLargeError,
    ],
    [
      'dropped connection',
      { method: 'GET', url: `http://127.0.0.1:${canary.port}/?token=${SECRET}`, headers, policy: local },
      OutboundNetworkError,
    ],
    [
      'failed DNS lookup',
      { method: 'GET', url: `https://partner.example/?token=${SECRET}`, headers, policy: local },
      OutboundNetworkError,
    ],
  ];

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('keeps the token out of failure %i', async (index) => {
    // Prepare
    const [name, request, expectedClass] = failures()[index]!;

    // Act
    const error = await client.request(request).catch((e: unknown) => e);

    // Assess
    expect(error, name).toBeInstanceOf(expectedClass);
    const outbound = error as OutboundError;
    for (const text of [outbound.message, outbound.url, String(outbound.stack), JSON.stringify(outbound)]) {
      expect(text).not.toContain(SECRET);
    }
    expect(outbound.message).not.toContain('?');
  });

  it('keeps the token out of refusal events', () => {
    // Assess
    expect(refusals.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(refusals)).not.toContain(SECRET);
  });
});
