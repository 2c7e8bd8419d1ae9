import { randomUUID } from 'node:crypto';
import { type PlatformState, primaryRole } from './platform-state';
import { sloppyObject } from './real-world';
import type { HubRequestOptions, HubResponse, InterfaceRole } from './types';
import { implementedInterfaces } from './versions';

/** Configuration modules never carry routing headers (ocpi-notes §1.2). */
const CONFIGURATION_MODULES = new Set(['versions', 'credentials', 'hubclientinfo']);

export class HubCallError extends Error {
  constructor(
    message: string,
    readonly response?: HubResponse,
  ) {
    super(message);
    this.name = 'HubCallError';
  }
}

function joinUrl(base: string, rest: string): string {
  if (!rest) return base;
  return `${base.replace(/\/+$/, '')}/${rest.replace(/^\/+/, '')}`;
}

/**
 * Talks to the counterpart of our own interface: a SENDER of a module pushes to the hub's RECEIVER
 * and a RECEIVER pulls from the hub's SENDER (ocpi-notes §4.8).
 */
function counterpartInterface(state: PlatformState, module: string): InterfaceRole | undefined {
  const ours = implementedInterfaces(state).find(([m]) => m === module);
  if (!ours) return undefined;
  return ours[1] === 'SENDER' ? 'RECEIVER' : 'SENDER';
}

/** Resolves `module/rest`, `/absolute/path` or a full URL to a URL at the hub. */
export function resolveHubUrl(
  state: PlatformState,
  pathOrUrl: string,
  iface?: InterfaceRole,
): { url: string; module?: string } {
  if (/^https?:\/\//.test(pathOrUrl)) return { url: pathOrUrl };
  if (pathOrUrl.startsWith('/')) {
    if (!state.hub.versionsUrl) throw new HubCallError('not connected to a hub: no versions URL known');
    return { url: new URL(pathOrUrl, state.hub.versionsUrl).toString() };
  }
  const [path = '', query] = pathOrUrl.split('?', 2);
  const [module = '', ...rest] = path.split('/');
  const candidates = state.hub.endpoints.filter((e) => e.identifier === module);
  const wanted = iface ?? counterpartInterface(state, module);
  const endpoint = candidates.find((e) => e.role === wanted) ?? candidates[0];
  if (!endpoint) throw new HubCallError(`the hub advertised no '${module}' endpoint`);
  const url = joinUrl(endpoint.url, rest.join('/'));
  return { url: query === undefined ? url : `${url}?${query}`, module };
}

function isConfigurationUrl(url: string, module?: string): boolean {
  if (module) return CONFIGURATION_MODULES.has(module);
  return [...CONFIGURATION_MODULES].some((m) => url.includes(`/${m}`));
}

export function authorizationValue(state: PlatformState, token: string): string {
  const raw = state.tokenEncoding === 'raw' || state.misbehaviour.has('raw-token');
  return `Token ${raw ? token : Buffer.from(token, 'utf8').toString('base64')}`;
}

async function parseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Sends one OCPI request to the hub with this platform's current token and the mandatory headers. */
export async function sendToHub(
  state: PlatformState,
  method: string,
  pathOrUrl: string,
  options: HubRequestOptions = {},
): Promise<HubResponse> {
  const { url, module } = resolveHubUrl(state, pathOrUrl, options.iface);
  const headers: Record<string, string> = {
    'X-Request-ID': randomUUID(),
    'X-Correlation-ID': options.correlationId ?? randomUUID(),
  };
  const token = options.token === undefined ? state.hub.token : options.token;
  if (token) headers.Authorization = authorizationValue(state, token);
  if (!isConfigurationUrl(url, module) && options.from !== false) {
    const from = options.from || primaryRole(state);
    headers['OCPI-from-country-code'] = from.country_code;
    headers['OCPI-from-party-id'] = from.party_id;
  }
  if (options.to) {
    headers['OCPI-to-country-code'] = options.to.country_code;
    headers['OCPI-to-party-id'] = options.to.party_id;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    // A real-world platform writes its pushes sloppily too (nulls, unknown fields; real-world.ts).
    const sent = isConfigurationUrl(url, module) ? options.body : sloppyObject(state, options.body);
    body = typeof options.body === 'string' ? options.body : JSON.stringify(sent);
  }
  Object.assign(headers, options.headers);
  const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: await parseBody(response),
  };
}

/** The envelope's `data` when the hub answered status 1000, else a HubCallError carrying the response. */
export function dataOf<T>(response: HubResponse, what: string): T {
  const body = response.body as { status_code?: number; data?: T } | undefined;
  if (response.status >= 300 || body?.status_code !== 1000) {
    throw new HubCallError(
      `${what} failed: HTTP ${response.status}, status_code ${String(body?.status_code)}`,
      response,
    );
  }
  return body.data as T;
}
