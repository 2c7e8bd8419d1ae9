import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { type LoopbackHttpServer, startHttpServer } from '../outbound/loopback-servers';
import { hubWithPlatforms } from '../support/platforms';

type Answer = { status?: number; data?: unknown; statusCode?: number; message?: string };

/**
 * A partner platform answering the hub-initiated handshake as scripted per step: the versions list,
 * the version details and the credentials POST. `auth` decides per Authorization header.
 */
interface Script {
  versions?(base: string): Answer;
  details?(base: string): Answer;
  credentials?(): Answer;
  auth?(header: string | undefined): Answer | undefined;
}

const TOKEN_A = 'token-a-issued-by-the-partner';

const goodVersions = (base: string): Answer => ({ data: [{ version: '2.2.1', url: `${base}/2.2.1` }] });
const goodDetails = (base: string): Answer => ({
  data: {
    version: '2.2.1',
    endpoints: [
      { identifier: 'credentials', role: 'SENDER', url: `${base}/2.2.1/credentials` },
      { identifier: 'locations', role: 'RECEIVER', url: `${base}/2.2.1/locations` },
    ],
  },
});
const goodCredentials = (base: string, partyId: string): Answer => ({
  data: {
    token: 'token-c-for-the-hub',
    url: `${base}/versions`,
    roles: [{ role: 'CPO', country_code: 'NL', party_id: partyId, business_details: { name: 'Scripted' } }],
  },
});

function reply(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      status_code: answer.statusCode ?? 1000,
      ...(answer.message ? { status_message: answer.message } : {}),
      ...(answer.data !== undefined ? { data: answer.data } : {}),
      timestamp: new Date().toISOString(),
    }),
  );
}

async function scriptedPartner(script: Script): Promise<LoopbackHttpServer & { base: string }> {
  let base = '';
  const server = await startHttpServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const refusal = script.auth?.(req.headers.authorization);
    if (refusal) return reply(res, refusal);
    if (req.url === '/versions') return reply(res, (script.versions ?? goodVersions)(base));
    if (req.url === '/2.2.1') return reply(res, (script.details ?? goodDetails)(base));
    if (req.url === '/2.2.1/credentials' && script.credentials) return reply(res, script.credentials());
    return reply(res, { status: 404, statusCode: 2000, message: 'no such route' });
  });
  base = server.url('');
  return Object.assign(server, { base });
}

describe('admin sees why a hub-initiated handshake failed', () => {
  const fx = hubWithPlatforms();
  const servers: LoopbackHttpServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function connect(partyId: string, script: Script) {
    const partner = await scriptedPartner(script);
    servers.push(partner);
    const { id } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: partyId }]);
    const res = await fx.hub.admin('POST', `/partners/${id}/connect`, {
      versions_url: `${partner.base}/versions`,
      token: TOKEN_A,
    });
    const detail = await fx.hub.admin('GET', `/partners/${id}`);
    return { res, detail: detail.body, partner, id };
  }

  it('names the field of a version the partner lists unreadably, and keeps it in last_error', async () => {
    // Act
    const { res, detail } = await connect('HE1', {
      versions: () => ({ data: [{ version: '2.2.1', url: 'not a url' }] }),
    });
    // Assess
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('partner_handshake_failed');
    expect(res.body.error.message).toContain('data[0].url');
    expect(detail.last_error).toContain('data[0].url');
    expect(detail.status).toBe('PLANNED');
  });

  it('sets last_error when the partner cannot be reached during version discovery', async () => {
    // Prepare: a partner that is gone by the time the admin connects
    const gone = await startHttpServer(() => undefined);
    const versionsUrl = gone.url('/versions');
    await gone.close();
    const { id } = await fx.hub.createPartner([{ role: 'CPO', country_code: 'NL', party_id: 'HE2' }]);
    // Act
    const res = await fx.hub.admin('POST', `/partners/${id}/connect`, {
      versions_url: versionsUrl,
      token: TOKEN_A,
    });
    // Assess
    expect(res.status).toBe(502);
    const detail = (await fx.hub.admin('GET', `/partners/${id}`)).body;
    expect(detail.last_error).toBe(res.body.error.message);
    expect(detail.last_error).toContain('/versions');
  });

  it('keeps the first refusal when the retry with the raw token fails too', async () => {
    // Act: base64 is refused with 401; the raw token is unknown to the partner's router (404)
    const { res, detail } = await connect('HE3', {
      auth: (header) =>
        header === `Token ${TOKEN_A}`
          ? { status: 404, statusCode: 2000, message: 'no such route' }
          : { status: 401, statusCode: 2000, message: 'token expired at the partner' },
    });
    // Assess
    expect(res.status).toBe(502);
    const message: string = res.body.error.message;
    expect(message).toContain('refused our token (HTTP 401: token expired at the partner)');
    expect(message).toContain('a retry with the raw token also failed');
    expect(message.indexOf('HTTP 401')).toBeLessThan(message.indexOf('HTTP 404'));
    expect(detail.last_error).toBe(message);
  });

  it('names the field of an invalid credentials answer and says token A is consumed and what to do', async () => {
    // Act: the partner registered the hub but answers a Credentials object without party_id
    const { res, detail, id } = await connect('HE4', {
      credentials: () => ({
        data: {
          token: 'token-c-for-the-hub',
          url: 'http://127.0.0.1:1/versions',
          roles: [{ role: 'CPO', country_code: 'NL', business_details: { name: 'Scripted' } }],
        },
      }),
    });
    // Assess
    expect(res.status).toBe(502);
    const message: string = res.body.error.message;
    expect(message).toContain('data.roles[0].party_id');
    expect(message).toContain('The partner accepted the credentials POST, so it has consumed token A');
    expect(message).toContain('registration of the hub that the hub has forgotten');
    expect(message).toContain(`POST /partners/${id}/connect`);
    expect(detail.last_error).toBe(message);
    expect(detail.status).toBe('PLANNED');
  });

  it('tells the admin the partner consumed token A when it answers with roles the partner was not onboarded with', async () => {
    // Act
    const { res, partner } = await connect('HE5', {
      credentials: () => goodCredentials('http://127.0.0.1:1', 'XXX'),
    });
    // Assess
    expect(partner.connections()).toBeGreaterThan(0);
    expect(res.status).toBe(502);
    expect(res.body.error.message).toContain('roles[0]');
    expect(res.body.error.message).toContain(
      'The partner accepted the credentials POST, so it has consumed token A',
    );
    expect(res.body.error.message).toContain('Next: ask the partner to delete its registration of this hub');
  });

  it('says the partner may have kept a registration when the credentials POST fails without an answer it can read', async () => {
    // Act
    const { res } = await connect('HE6', {
      credentials: () => ({ status: 500, statusCode: 3000, message: 'database down' }),
    });
    // Assess
    expect(res.status).toBe(502);
    expect(res.body.error.message).toContain('HTTP 500: database down');
    expect(res.body.error.message).toContain('may have processed the POST anyway');
    expect(res.body.error.message).toContain('consumed token A');
  });

  it('says nothing was registered when the partner refuses token A on the credentials POST', async () => {
    // Act
    let posts = 0;
    const { res } = await connect('HE7', {
      credentials: () => {
        posts++;
        return { status: 401, statusCode: 2000, message: 'token A already used' };
      },
    });
    // Assess
    expect(posts).toBe(2);
    expect(res.status).toBe(502);
    expect(res.body.error.message).toContain('HTTP 401: token A already used');
    expect(res.body.error.message).toContain('The partner registered nothing');
  });
});
