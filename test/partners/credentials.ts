import type { Context, Hono } from 'hono';
import { ocpiReply } from './envelope';
import { dataOf, HubCallError, sendToHub } from './hub-client';
import { generateToken } from './inbound-tokens';
import type { PlatformState } from './platform-state';
import type { SimEnv } from './sim-env';
import type { BusinessDetails, Credentials, CredentialsRole, Endpoint, RegistrationResult } from './types';
import { advertised } from './versions';

const OUR_VERSION = '2.2.1';

/** This platform's credentials object (ocpi-notes §2.2), carrying the token the other side must use. */
export function ownCredentials(state: PlatformState, token: string): Credentials {
  const lower = state.misbehaviour.has('lowercase-cistrings');
  const roles: CredentialsRole[] = state.roles.map((r) => ({
    role: r.role,
    country_code: lower ? r.country_code.toLowerCase() : r.country_code,
    party_id: lower ? r.party_id.toLowerCase() : r.party_id,
    business_details: state.misbehaviour.has('null-fields')
      ? ({
          website: null,
          logo: null,
          ...(r.business_details ?? { name: state.name }),
        } as unknown as BusinessDetails)
      : (r.business_details ?? { name: state.name }),
  }));
  return { token, url: advertised(state, `${state.baseUrl}/ocpi/versions`), roles };
}

/** GETs the hub's versions, picks 2.2.1 and GETs its details (ocpi-notes §2.4 steps 2-3). */
export async function fetchHubEndpoints(
  state: PlatformState,
  versionsUrl: string,
  token: string,
): Promise<Endpoint[]> {
  const versions = dataOf<Array<{ version: string; url: string }>>(
    await sendToHub(state, 'GET', versionsUrl, { token }),
    'GET versions',
  );
  const chosen = versions.find((v) => v.version === OUR_VERSION);
  if (!chosen) throw new HubCallError(`the hub offers no version ${OUR_VERSION}`);
  const details = dataOf<{ endpoints: Endpoint[] }>(
    await sendToHub(state, 'GET', chosen.url, { token }),
    'GET version details',
  );
  return details.endpoints;
}

function credentialsUrl(endpoints: Endpoint[]): string {
  const endpoint = endpoints.find((e) => e.identifier === 'credentials');
  if (!endpoint) throw new HubCallError('the hub advertised no credentials endpoint');
  return endpoint.url;
}

/** Partner-initiated registration with token A (ocpi-notes §2.4, this platform as the "Sender"). */
export async function registerWith(
  state: PlatformState,
  versionsUrl: string,
  tokenA: string,
): Promise<RegistrationResult> {
  const endpoints = await fetchHubEndpoints(state, versionsUrl, tokenA);
  const tokenB = generateToken();
  // The hub calls back our versions with B while it is still inside the POST.
  state.inbound.acceptPending(tokenB);
  try {
    const response = await sendToHub(state, 'POST', credentialsUrl(endpoints), {
      token: tokenA,
      body: ownCredentials(state, tokenB),
    });
    const hubCredentials = dataOf<Credentials>(response, 'credentials POST');
    state.inbound.promote(tokenB);
    Object.assign(state.hub, {
      token: hubCredentials.token,
      versionsUrl,
      endpoints,
      credentials: hubCredentials,
    });
    state.registered = true;
    return { hubCredentials, tokenC: hubCredentials.token };
  } catch (error) {
    if (state.inbound.current !== tokenB) state.inbound.retire(tokenB);
    throw error;
  }
}

/** Partner-initiated rotation: credentials PUT with a new token for the hub (ocpi-notes §2.5). */
export async function rotate(state: PlatformState): Promise<RegistrationResult> {
  const { token, versionsUrl } = state.hub;
  if (!token || !versionsUrl) throw new HubCallError('not registered with a hub');
  const endpoints = await fetchHubEndpoints(state, versionsUrl, token);
  const fresh = generateToken();
  state.inbound.acceptPending(fresh);
  try {
    const response = await sendToHub(state, 'PUT', credentialsUrl(endpoints), {
      body: ownCredentials(state, fresh),
    });
    const hubCredentials = dataOf<Credentials>(response, 'credentials PUT');
    state.inbound.promote(fresh);
    Object.assign(state.hub, { token: hubCredentials.token, endpoints, credentials: hubCredentials });
    return { hubCredentials, tokenC: hubCredentials.token };
  } catch (error) {
    state.inbound.retire(fresh);
    throw error;
  }
}

/** Partner-initiated unregistration: credentials DELETE (ocpi-notes §2.3). */
export async function unregister(state: PlatformState): Promise<void> {
  const response = await sendToHub(state, 'DELETE', credentialsUrl(state.hub.endpoints));
  dataOf(response, 'credentials DELETE');
  state.registered = false;
  state.hub.token = undefined;
  state.inbound.revokeAll();
}

function isCredentials(body: unknown): body is Credentials {
  const b = body as Partial<Credentials> | undefined;
  return typeof b?.token === 'string' && typeof b.url === 'string' && Array.isArray(b.roles);
}

/**
 * Stores the hub's credentials and answers with ours plus a fresh token. Inside the request it calls
 * the hub's versions back with the hub's new token, as a real platform does (ocpi-notes §2.4 step 5).
 */
async function acceptHubCredentials(c: Context<SimEnv>, state: PlatformState): Promise<Response> {
  const body = c.get('body');
  if (!isCredentials(body)) {
    return ocpiReply(c, undefined, { code: 2001, message: 'token, url and roles are required' });
  }
  let endpoints = state.hub.endpoints;
  if (state.fetchHubOnRegistration) {
    try {
      endpoints = await fetchHubEndpoints(state, body.url, body.token);
    } catch (error) {
      const noVersion = error instanceof HubCallError && error.message.includes('no version');
      return ocpiReply(c, undefined, {
        code: noVersion ? 3002 : 3001,
        message: noVersion ? 'no mutual version' : 'unable to use the client API',
      });
    }
  }
  Object.assign(state.hub, { token: body.token, versionsUrl: body.url, endpoints, credentials: body });
  const fresh = generateToken();
  state.inbound.promote(fresh);
  state.inbound.revokeKind('A');
  state.registered = true;
  return ocpiReply(c, ownCredentials(state, fresh));
}

/** Credentials module, server side, with the 405 rules of ocpi-notes §2.3. */
export function mountCredentialsRoutes(app: Hono<SimEnv>, state: PlatformState): void {
  const path = '/ocpi/2.2.1/credentials';
  app.get(path, (c) => ocpiReply(c, ownCredentials(state, state.inbound.current ?? '')));

  app.post(path, (c) => {
    if (state.registered)
      return ocpiReply(c, undefined, { http: 405, code: 2000, message: 'already registered' });
    return acceptHubCredentials(c, state);
  });

  app.put(path, (c) => {
    if (!state.registered)
      return ocpiReply(c, undefined, { http: 405, code: 2000, message: 'not registered' });
    return acceptHubCredentials(c, state);
  });

  app.delete(path, (c) => {
    if (!state.registered)
      return ocpiReply(c, undefined, { http: 405, code: 2000, message: 'not registered' });
    state.registered = false;
    state.hub.token = undefined;
    state.inbound.revokeAll();
    return ocpiReply(c, undefined);
  });
}
