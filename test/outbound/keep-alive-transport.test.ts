import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnerHttpClient } from '../../functions/outbound/partner-http-client';
import { type LoopbackHttpServer, startHttpServer } from './loopback-servers';

const local = { allowHttp: true, allowPrivateAddresses: true };

describe('partner HTTP client transport', () => {
  let partner: LoopbackHttpServer;

  beforeAll(async () => {
    partner = await startHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        const reply = `${req.method} ${req.headers['content-length'] ?? '-'} ${body}`;
        if (req.url === '/slow') setTimeout(() => res.end(reply), 150);
        else res.end(reply);
      });
    });
  });

  afterAll(async () => {
    await partner.close();
  });

  it('frames a GET body with Content-Length so the kept-alive socket stays usable', async () => {
    // Prepare
    const client = createPartnerHttpClient();
    const connectionsBefore = partner.connections();

    // Act
    const withBody = await client.request({
      method: 'GET',
      url: partner.url('/'),
      body: '{}',
      policy: local,
    });
    const next = await client.request({ method: 'DELETE', url: partner.url('/'), policy: local });
    await client.close();

    // Assess
    expect(withBody).toMatchObject({ status: 200, bodyText: 'GET 2 {}' });
    expect(next).toMatchObject({ status: 200, bodyText: 'DELETE - ' });
    expect(partner.connections() - connectionsBefore).toBe(1);
  });

  it('connects afresh instead of reusing an idle socket the partner has just closed', async () => {
    // Prepare
    const client = createPartnerHttpClient();
    await client.request({ method: 'GET', url: partner.url('/'), policy: local });
    const connectionsBefore = partner.connections();
    partner.dropConnections();

    // Act
    const response = await client
      .request({ method: 'GET', url: partner.url('/'), policy: local })
      .catch((e: unknown) => e);
    await client.close();

    // Assess
    expect(response).toMatchObject({ status: 200, bodyText: 'GET - ' });
    expect(partner.connections() - connectionsBefore).toBe(1);
  });

  it('lets a request in flight finish before close resolves', async () => {
    // Prepare
    const client = createPartnerHttpClient();
    const pending = client.request({ method: 'POST', url: partner.url('/slow'), body: 'x', policy: local });
    await new Promise((resolve) => setTimeout(resolve, 30));

    // Act
    await client.close();

    // Assess
    await expect(pending).resolves.toMatchObject({ status: 200, bodyText: 'POST 1 x' });
  });
});
