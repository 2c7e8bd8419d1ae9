import { eventually } from '../support/eventually';
import { buildApp } from './app';
import { sendCommand } from './commands';
import { registerWith, rotate, unregister } from './credentials';
import { sendToHub } from './hub-client';
import { createPlatformState, receiverKey } from './platform-state';
import { startServer } from './server';
import type { SimulatedPlatform } from './simulated-platform';
import type { HubRequestOptions, SimulatedPlatformOptions } from './types';
import { moduleUrl } from './versions';

type Obj = Record<string, unknown>;

const ownerOf = (object: Obj) => ({
  country_code: String(object.country_code),
  party_id: String(object.party_id),
});

/** Starts a simulated OCPI 2.2.1 partner platform on 127.0.0.1 with a free port. */
export async function createSimulatedPlatform(options: SimulatedPlatformOptions): Promise<SimulatedPlatform> {
  const state = createPlatformState(options);
  const server = await startServer(buildApp(state), state);
  state.baseUrl = server.baseUrl;
  const hubRequest = (method: string, pathOrUrl: string, opts?: HubRequestOptions) =>
    sendToHub(state, method, pathOrUrl, opts);

  return {
    name: state.name,
    roles: state.roles,
    baseUrl: server.baseUrl,
    versionsUrl: `${server.baseUrl}/ocpi/versions`,
    versionDetailsUrl: `${server.baseUrl}/ocpi/2.2.1`,
    requests: state.requests,
    received: state.received,
    sentCallbacks: state.sentCallbacks,
    get hubToken() {
      return state.hub.token;
    },
    get inboundToken() {
      return state.inbound.current;
    },
    get hubCredentials() {
      return state.hub.credentials;
    },
    get hubEndpoints() {
      return state.hub.endpoints;
    },
    get registered() {
      return state.registered;
    },

    async close() {
      for (const timer of state.timers) clearTimeout(timer);
      state.timers.clear();
      await server.close();
    },
    setVersions(versions) {
      state.versions = [...versions];
    },
    omitEndpoints(identifiers) {
      state.omitted = new Set(identifiers);
    },
    endpointUrl: (module, iface) => moduleUrl(state, module, iface),
    setPageLimit(limit) {
      state.pageLimit = limit;
    },

    issueTokenA: () => state.inbound.issueTokenA(),
    registerWith: (hubVersionsUrl, tokenA) => registerWith(state, hubVersionsUrl, tokenA),
    rotate: () => rotate(state),
    unregister: () => unregister(state),
    connectTo(hub) {
      Object.assign(state.hub, hub);
    },

    hubRequest,
    pushLocation: (location, opts) =>
      hubRequest('PUT', `locations/${location.country_code}/${location.party_id}/${location.id}`, {
        from: ownerOf(location),
        ...opts,
        body: location,
      }),
    patchEvse: (owner, locationId, evseUid, patch, opts) =>
      hubRequest('PATCH', `locations/${owner.country_code}/${owner.party_id}/${locationId}/${evseUid}`, {
        from: owner,
        ...opts,
        body: patch,
      }),
    pushToken: (token, opts) =>
      hubRequest(
        'PUT',
        `tokens/${token.country_code}/${token.party_id}/${token.uid}?type=${token.type ?? 'RFID'}`,
        {
          from: ownerOf(token),
          ...opts,
          body: token,
        },
      ),
    postCdr: (cdr, opts) => hubRequest('POST', 'cdrs', { from: ownerOf(cdr), ...opts, body: cdr }),
    sendCommand: (command, body, opts) => sendCommand(state, command, body, opts),

    seed(module, objects) {
      state.seeded.set(
        module,
        objects.map((o) => structuredClone(o)),
      );
    },
    stored: (module, countryCode, partyId, id, type) =>
      state.receiverStore.get(receiverKey(module, countryCode, partyId, ...[id, type ?? ''].filter(Boolean))),
    storedAll: (module) =>
      [...state.receiverStore.entries()]
        .filter(([key]) => key.startsWith(`${module}|`))
        .map(([, value]) => value),
    setAuthorization(uid, allowed) {
      state.authorizations.set(uid.toUpperCase(), allowed);
    },
    setChargingPreferencesAnswer(data) {
      state.chargingPreferencesAnswer = data;
    },
    configureCommands(behaviour) {
      state.commands = { ...state.commands, ...behaviour };
    },

    behave(mode, opts) {
      state.misbehaviour.behave(mode, opts);
      if (state.misbehaviour.has('down')) server.dropConnections();
    },
    chaos(rates, seed, opts) {
      state.misbehaviour.chaos(rates, seed, opts);
    },
    failNext(count, mode, opts) {
      state.misbehaviour.failNext(count, mode, opts);
      if (mode === 'down') server.dropConnections();
    },
    clearRequests() {
      state.requests.length = 0;
      state.received.length = 0;
      state.sentCallbacks.length = 0;
    },
    waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 2000): Promise<T> {
      return eventually(probe, { timeoutMs, intervalMs: 10, what: 'the awaited request at the platform' });
    },
  };
}
