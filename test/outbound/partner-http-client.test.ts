import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OutboundNetworkError,
  OutboundResponseTooLargeError,
  OutboundTimeoutError,
  OutboundUrlRefusedError,
} from '../../functions/outbound/errors';
import {
  createPartnerHttpClient,
  type OutboundRefusedEvent,
  type PartnerHttpClient,
} from '../../functions/outbound/partner-http-client';
import {
  type Canary,
  type LoopbackHttpServer,
  settle,
  startCanary,
  startHttpServer,
} from './loopback-servers';

const local = { allowHttp: true, allowPrivateAddresses: true };
const MIB = 1024 * 1024;

describe('createPartnerHttpClient against a loopback partner', () => {
  let canary: Canary;
  let partner: LoopbackHttpServer;
  let client: PartnerHttpClient;
  const refusals: OutboundRefusedEvent[] = [];
  const received: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    canary = await startCanary();
    partner = await startHttpServer((req, res) => route(req, res, canary.port));
    client = createPartnerHttpClient({ resolve: async () => [], onRefused: (event) => refusals.push(event) });
  });

  afterAll(async () => {
    await client.close();
    await partner.close();
    await canary.close();
  });

  function route(req: IncomingMessage, res: ServerResponse, canaryPort: number): void {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/json') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ status_code: 1000, data: [] }));
      } else if (path === '/text') res.end('plain words');
      else if (path === '/socket') res.end(String(req.socket.remotePort));
      else if (path === '/hang') res.flushHeaders();
      else if (path === '/silent') return;
      else if (path === '/big') streamBytes(res, 2 * MIB);
      else if (path === '/announced-big') {
        res.writeHead(200, { 'content-length': String(5 * MIB) });
        res.write('only a little');
      } else if (path === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${canaryPort}/` });
        res.end();
      } else res.writeHead(404).end();
    });
  }

  it('parses a JSON body and keeps the text', async () => {
    // Act
    const response = await client.request({ method: 'GET', url: partner.url('/json'), policy: local });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json).toEqual({ status_code: 1000, data: [] });
    expect(response.bodyText).toBe('{"status_code":1000,"data":[]}');
  });

  it('leaves json unset when the body is not JSON', async () => {
    // Act
    const response = await client.request({ method: 'GET', url: partner.url('/text'), policy: local });

    // Assess
    expect(response.bodyText).toBe('plain words');
    expect(response.json).toBeUndefined();
  });

  it('sends method, headers and body, defaulting the content type to JSON', async () => {
    // Prepare
    const headers = { authorization: 'Token abc', 'x-request-id': 'r-1' };

    // Act
    await client.request({
      method: 'PUT',
      url: partner.url('/text?q=1'),
      headers,
      body: '{"a":1}',
      policy: local,
    });

    // Assess
    const last = received.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.url).toBe('/text?q=1');
    expect(last?.headers['authorization']).toBe('Token abc');
    expect(last?.headers['content-type']).toBe('application/json');
    expect(last?.body).toBe('{"a":1}');
  });

  it('reuses one kept-alive socket for two sequential requests', async () => {
    // Prepare
    const fresh = createPartnerHttpClient();
    const connectionsBefore = partner.connections();

    // Act
    const first = await fresh.request({ method: 'GET', url: partner.url('/socket'), policy: local });
    const second = await fresh.request({ method: 'GET', url: partner.url('/socket'), policy: local });
    await fresh.close();

    // Assess
    expect(second.bodyText).toBe(first.bodyText);
    expect(partner.connections() - connectionsBefore).toBe(1);
  });

  it('connects to the vetted address even when DNS answers differently right after the check', async () => {
    // Prepare
    const answers = [['127.0.0.1'], ['169.254.169.254']];
    const rebinding = createPartnerHttpClient({
      resolve: async () => answers.shift() ?? ['169.254.169.254'],
    });

    // Act
    const response = await rebinding.request({
      method: 'GET',
      url: `http://rebinding.test:${partner.port}/text`,
      policy: local,
    });
    await rebinding.close();

    // Assess
    expect(response.bodyText).toBe('plain words');
    expect(received.at(-1)?.headers.host).toBe(`rebinding.test:${partner.port}`);
  });

  it.each([
    ['sends nothing', '/silent'],
    ['sends headers but never ends the body', '/hang'],
  ])('gives up within the time budget on a partner that %s', async (_behaviour, path) => {
    // Prepare
    const started = Date.now();

    // Act
    const error = await client
      .request({ method: 'GET', url: partner.url(path), timeoutMs: 300, policy: local })
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(OutboundTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops reading a streamed body past the size cap', async () => {
    // Act
    const error = await client
      .request({ method: 'GET', url: partner.url('/big'), policy: local })
      .catch((e) => e);

    // Assess
    expect(error).toBeInstanceOf(OutboundResponseTooLargeError);
    expect((error as OutboundResponseTooLargeError).maxResponseBytes).toBe(MIB);
  });

  it('refuses a body whose Content-Length announces more than the cap', async () => {
    // Act
    const error = await client
      .request({ method: 'GET', url: partner.url('/announced-big'), timeoutMs: 5_000, policy: local })
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(OutboundResponseTooLargeError);
  });

  it.each(['GET', 'POST'] as const)('returns a %s redirect as is and never follows it', async (method) => {
    // Act
    const response = await client.request({
      method,
      url: partner.url('/redirect'),
      body: '{}',
      policy: local,
    });
    await settle();

    // Assess
    expect(response.status).toBe(302);
    expect(response.headers['location']).toBe(`http://127.0.0.1:${canary.port}/`);
    expect(canary.connections()).toBe(0);
  });

  it('reports a dropped connection as a network error', async () => {
    // Act
    const error = await client
      .request({ method: 'GET', url: `http://127.0.0.1:${canary.port}/`, policy: local })
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(OutboundNetworkError);
  });

  it('reports each refusal once to onRefused with the query string stripped', async () => {
    // Prepare
    const before = refusals.length;

    // Act
    const error = await client
      .request({ method: 'GET', url: 'http://169.254.169.254/latest/meta-data?token=t0k', policy: local })
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(OutboundUrlRefusedError);
    expect(refusals.slice(before)).toEqual([
      {
        url: 'http://169.254.169.254/latest/meta-data',
        reason: 'address 169.254.169.254 is a cloud metadata or link-local service address',
      },
    ]);
  });
});

function streamBytes(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const writeMore = (): void => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', writeMore);
        return;
      }
    }
    res.end();
  };
  res.on('error', () => undefined);
  writeMore();
}
