import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { ocpiReply } from '../envelope';
import { generateToken, InboundTokens } from '../inbound-tokens';
import { serveAsCpo, serveAsEmsp } from './modules-211';
import type {
  Credentials211,
  HubResponse211,
  Platform211Env,
  Platform211Options,
  Received211,
} from './types-211';

/** The module identifiers a 2.1.1 platform advertises (2.1.1 endpoints carry no role, ocpi-notes §6). */
const MODULES_211 = [
  'credentials',
  'locations',
  'tariffs',
  'tokens',
  'sessions',
  'cdrs',
  'commands',
] as const;

/**
 * A simulated OCPI 2.1.1 platform of one CPO or eMSP party on loopback: versions and details, the flat
 * credentials object in both directions, raw tokens, no routing headers, no X-Request-ID. Every
 * module is served at `{base}/ocpi/2.1.1/{module}` (one interface per module and role in 2.1.1).
 */
export class SimulatedPlatform211 {
  readonly inbound = new InboundTokens(60_000);
  /** Every request that reached this platform, failed authentications included. */
  readonly requests: Received211[] = [];
  /** Objects pushed to this platform, keyed by their path below the module (`NL/CP1/LOC1`). */
  readonly store = new Map<string, Record<string, unknown>>();
  /** Objects this platform serves from its Sender interfaces (GET lists). */
  readonly seeded = new Map<string, Record<string, unknown>[]>();
  /** Real-time authorization answers by token uid (upper case); absent = ALLOWED. */
  readonly authorizations = new Map<string, string>();
  /** The most objects one page of a GET list holds. */
  pageLimit = 100;
  hubToken: string | undefined;
  hubVersionsUrl: string | undefined;
  hubEndpoints: Array<{ identifier: string; url: string }> = [];
  hubCredentials: Credentials211 | undefined;
  registered = false;
  baseUrl = '';
  versions: string[] = ['2.1.1'];
  private close_: () => Promise<void> = async () => undefined;

  constructor(readonly options: Platform211Options) {}

  get versionsUrl(): string {
    return `${this.baseUrl}/ocpi/versions`;
  }

  get party() {
    return { country_code: this.options.country_code, party_id: this.options.party_id };
  }

  moduleUrl(module: string): string {
    return `${this.baseUrl}/ocpi/2.1.1/${module}`;
  }

  async start(): Promise<this> {
    const listener = getRequestListener(this.app().fetch);
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    this.baseUrl = `http://127.0.0.1:${address.port}`;
    this.close_ = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    return this;
  }

  close(): Promise<void> {
    return this.close_();
  }

  issueTokenA(): string {
    return this.inbound.issueTokenA();
  }

  /** This platform's flat 2.1.1 credentials carrying `token` (credentials §7.1 of OCPI 2.1.1). */
  ownCredentials(token: string): Credentials211 {
    return {
      token,
      url: this.versionsUrl,
      business_details: { name: this.options.name ?? `Sim 2.1.1 ${this.options.role}` },
      country_code: this.options.country_code,
      party_id: this.options.party_id,
    };
  }

  /** Partner-initiated registration: versions, 2.1.1 details, credentials POST with token A. */
  async registerWith(hubVersionsUrl: string, tokenA: string): Promise<Credentials211> {
    await this.fetchHub(hubVersionsUrl, tokenA);
    const tokenB = generateToken();
    this.inbound.acceptPending(tokenB);
    const answer = await this.hubRequest('POST', 'credentials', {
      token: tokenA,
      body: this.ownCredentials(tokenB),
    });
    const credentials = dataOf<Credentials211>(answer, 'credentials POST');
    this.inbound.promote(tokenB);
    this.acceptHub(credentials);
    return credentials;
  }

  /** Partner-initiated rotation: credentials PUT with a new token for the hub. */
  async rotate(): Promise<Credentials211> {
    await this.fetchHub(this.hubVersionsUrl ?? '', this.hubToken ?? '');
    const fresh = generateToken();
    this.inbound.acceptPending(fresh);
    const credentials = dataOf<Credentials211>(
      await this.hubRequest('PUT', 'credentials', { body: this.ownCredentials(fresh) }),
      'credentials PUT',
    );
    this.inbound.promote(fresh);
    this.acceptHub(credentials);
    return credentials;
  }

  async unregister(): Promise<void> {
    dataOf(await this.hubRequest('DELETE', 'credentials'), 'credentials DELETE');
    this.registered = false;
    this.hubToken = undefined;
    this.inbound.revokeAll();
  }

  /**
   * One request to the hub, as a 2.1.1 platform sends it: the raw token, no routing headers and no
   * request ids. `pathOrUrl` is a full URL or `module/rest?query` resolved against the hub's endpoints.
   */
  async hubRequest(
    method: string,
    pathOrUrl: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HubResponse211> {
    const url = this.resolve(pathOrUrl);
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token ?? this.hubToken;
    if (token) headers.Authorization = `Token ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: text ? JSON.parse(text) : undefined,
    };
  }

  /** Polls `probe` until it returns a value (not undefined/null/false). */
  async waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() > until) throw new Error('waitFor timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private resolve(pathOrUrl: string): string {
    if (/^https?:\/\//.test(pathOrUrl)) return pathOrUrl;
    const [path = '', query] = pathOrUrl.split('?', 2);
    const [module = '', ...rest] = path.split('/');
    const endpoint = this.hubEndpoints.find((e) => e.identifier === module);
    if (!endpoint) throw new Error(`the hub advertised no 2.1.1 '${module}' endpoint`);
    const url = rest.length ? `${endpoint.url.replace(/\/+$/, '')}/${rest.join('/')}` : endpoint.url;
    return query === undefined ? url : `${url}?${query}`;
  }

  private async fetchHub(versionsUrl: string, token: string): Promise<void> {
    const versions = dataOf<Array<{ version: string; url: string }>>(
      await this.hubRequest('GET', versionsUrl, { token }),
      'GET versions',
    );
    const chosen = versions.find((v) => v.version === '2.1.1');
    if (!chosen) throw new Error('the hub offers no version 2.1.1');
    const details = dataOf<{ endpoints: Array<{ identifier: string; url: string }> }>(
      await this.hubRequest('GET', chosen.url, { token }),
      'GET 2.1.1 details',
    );
    this.hubVersionsUrl = versionsUrl;
    this.hubEndpoints = details.endpoints;
  }

  private acceptHub(credentials: Credentials211): void {
    this.hubToken = credentials.token;
    this.hubVersionsUrl = credentials.url;
    this.hubCredentials = credentials;
    this.registered = true;
  }

  private app(): Hono<Platform211Env> {
    const app = new Hono<Platform211Env>();
    app.use('*', async (c, next) => {
      const text = await c.req.text();
      const body = text ? (JSON.parse(text) as unknown) : undefined;
      const entry: Received211 = {
        method: c.req.method,
        path: c.req.path,
        query: new URL(c.req.url).search.slice(1),
        headers: Object.fromEntries(c.req.raw.headers.entries()),
        body,
      };
      this.requests.push(entry);
      const found = this.inbound.resolveHeader(c.req.header('authorization'));
      const registration = /^\/ocpi\/(versions|2\.1\.1|2\.1\.1\/credentials)\/?$/.test(c.req.path);
      if (!found || (found.kind === 'A' && !registration)) {
        entry.refused = true;
        return ocpiReply(c, undefined, { http: 401, code: 2000, message: 'Unauthorized' });
      }
      c.set('body', body);
      c.set('tokenKind', found.kind);
      await next();
      return undefined;
    });
    app.get('/ocpi/versions', (c) =>
      ocpiReply(
        c,
        this.versions.map((version) => ({ version, url: `${this.baseUrl}/ocpi/${version}` })),
      ),
    );
    app.get('/ocpi/2.1.1', (c) =>
      ocpiReply(c, {
        version: '2.1.1',
        endpoints: MODULES_211.map((identifier) => ({ identifier, url: this.moduleUrl(identifier) })),
      }),
    );
    const credentialsPath = '/ocpi/2.1.1/credentials';
    app.get(credentialsPath, (c) => ocpiReply(c, this.ownCredentials(this.inbound.current ?? '')));
    app.on(['POST', 'PUT'], credentialsPath, async (c) => {
      if ((c.req.method === 'POST') === this.registered)
        return ocpiReply(c, undefined, { http: 405, code: 2000, message: 'wrong registration state' });
      const body = c.get('body') as Credentials211 | undefined;
      if (typeof body?.token !== 'string' || typeof body.url !== 'string' || 'roles' in body)
        return ocpiReply(c, undefined, {
          code: 2001,
          message: 'a flat 2.1.1 credentials object is required',
        });
      await this.fetchHub(body.url, body.token);
      this.acceptHub(body);
      const fresh = generateToken();
      this.inbound.promote(fresh);
      this.inbound.revokeKind('A');
      return ocpiReply(c, this.ownCredentials(fresh));
    });
    app.delete(credentialsPath, (c) => {
      this.registered = false;
      this.hubToken = undefined;
      this.inbound.revokeAll();
      return ocpiReply(c, undefined);
    });
    if (this.options.role === 'CPO') serveAsCpo(app, this);
    else serveAsEmsp(app, this);
    return app;
  }
}

export function dataOf<T>(response: HubResponse211, what: string): T {
  const body = response.body as { status_code?: number; data?: T } | undefined;
  if (response.status >= 300 || body?.status_code !== 1000)
    throw new Error(`${what} failed: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  return body.data as T;
}

export async function createSimulatedPlatform211(options: Platform211Options): Promise<SimulatedPlatform211> {
  return new SimulatedPlatform211(options).start();
}
