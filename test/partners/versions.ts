import type { Hono, MiddlewareHandler } from 'hono';
import { ocpiReply } from './envelope';
import type { PlatformState } from './platform-state';
import type { SimEnv } from './sim-env';
import type { Endpoint, InterfaceRole, ModuleId, PartyRoleName } from './types';

type ModuleInterfaces = Array<[ModuleId, InterfaceRole]>;

/** Module interfaces each role implements (ocpi-notes §4.8; credentials is advertised as SENDER, §2.1). */
const INTERFACES_BY_ROLE: Record<PartyRoleName, ModuleInterfaces> = {
  CPO: [
    ['credentials', 'SENDER'],
    ['locations', 'SENDER'],
    ['tariffs', 'SENDER'],
    ['sessions', 'SENDER'],
    ['cdrs', 'SENDER'],
    ['tokens', 'RECEIVER'],
    ['commands', 'RECEIVER'],
    ['chargingprofiles', 'RECEIVER'],
    ['hubclientinfo', 'RECEIVER'],
  ],
  EMSP: [
    ['credentials', 'SENDER'],
    ['locations', 'RECEIVER'],
    ['tariffs', 'RECEIVER'],
    ['sessions', 'RECEIVER'],
    ['cdrs', 'RECEIVER'],
    ['tokens', 'SENDER'],
    ['commands', 'SENDER'],
    ['hubclientinfo', 'RECEIVER'],
  ],
  SCSP: [
    ['credentials', 'SENDER'],
    ['sessions', 'RECEIVER'],
    ['chargingprofiles', 'SENDER'],
    ['hubclientinfo', 'RECEIVER'],
  ],
  NSP: [
    ['credentials', 'SENDER'],
    ['locations', 'RECEIVER'],
    ['tariffs', 'RECEIVER'],
    ['hubclientinfo', 'RECEIVER'],
  ],
  OTHER: [
    ['credentials', 'SENDER'],
    ['locations', 'RECEIVER'],
    ['hubclientinfo', 'RECEIVER'],
  ],
};

/** Where this platform serves one module interface (sender and receiver of a module never collide). */
export function moduleUrl(state: PlatformState, module: ModuleId, iface: InterfaceRole): string {
  if (module === 'credentials') return `${state.baseUrl}/ocpi/2.2.1/credentials`;
  return `${state.baseUrl}/ocpi/2.2.1/${iface.toLowerCase()}/${module}`;
}

/** The endpoints this platform implements, before omissions and misbehaviour. */
export function implementedInterfaces(state: PlatformState): ModuleInterfaces {
  const seen = new Map<string, [ModuleId, InterfaceRole]>();
  for (const { role } of state.roles) {
    for (const pair of INTERFACES_BY_ROLE[role]) seen.set(pair.join(':'), pair);
  }
  return [...seen.values()];
}

export function implements_(state: PlatformState, module: ModuleId, iface: InterfaceRole): boolean {
  return implementedInterfaces(state).some(([m, i]) => m === module && i === iface);
}

/** A URL as this platform advertises it: with a trailing slash under 'trailing-slash-urls'. */
export function advertised(state: PlatformState, url: string): string {
  return state.misbehaviour.has('trailing-slash-urls') ? `${url}/` : url;
}

/**
 * Under 'trailing-slash-urls' the platform is strict, like a real server behind a path-normalizing proxy:
 * its advertised URLs (versions, version details, endpoints) called without their trailing slash get a
 * permanent redirect, which an OCPI client that changes advertised URLs does not follow (issue #11).
 */
export function redirectDroppedSlash(state: PlatformState): MiddlewareHandler<SimEnv> {
  return async function strictTrailingSlash(c, next) {
    // The raw path: Hono's c.req.path drops the trailing slash of a non-strict app.
    const path = new URL(c.req.url).pathname;
    if (state.misbehaviour.has('trailing-slash-urls') && !path.endsWith('/')) {
      const advertisedPaths = [
        `${state.baseUrl}/ocpi/versions`,
        ...state.versions.map((v) => `${state.baseUrl}/ocpi/${v}`),
        ...implementedInterfaces(state).map(([module, role]) => moduleUrl(state, module, role)),
      ].map((url) => new URL(url).pathname);
      if (advertisedPaths.includes(path)) {
        return c.redirect(`${state.baseUrl}${path}/${new URL(c.req.url).search}`, 308);
      }
    }
    await next();
    return undefined;
  };
}

/** The endpoints advertised in version details, after omissions and misbehaviour. */
export function advertisedEndpoints(state: PlatformState): Endpoint[] {
  const onlyCredentials = state.misbehaviour.has('missing-endpoints');
  return implementedInterfaces(state)
    .filter(([module]) => !state.omitted.has(module))
    .filter(([module]) => !onlyCredentials || module === 'credentials')
    .map(([module, role]) => ({
      identifier: module,
      role,
      url: advertised(state, moduleUrl(state, module, role)),
    }));
}

/** Versions and version details endpoints (ocpi-notes §2.1). Token A is enough for both. */
export function mountVersionRoutes(app: Hono<SimEnv>, state: PlatformState): void {
  app.get('/ocpi/versions', (c) =>
    ocpiReply(
      c,
      state.versions.map((version) => ({
        version,
        url: advertised(state, `${state.baseUrl}/ocpi/${version}`),
      })),
    ),
  );

  app.get('/ocpi/:version', (c) => {
    const version = c.req.param('version');
    if (!state.versions.includes(version)) {
      return ocpiReply(c, undefined, { http: 404, code: 2000, message: `version ${version} not supported` });
    }
    const endpoints = advertisedEndpoints(state);
    // 2.1.1 endpoints carry no interface role (ocpi-notes §6).
    const data =
      version === '2.2.1'
        ? { version, endpoints }
        : { version, endpoints: endpoints.map(({ identifier, url }) => ({ identifier, url })) };
    return ocpiReply(c, data);
  });
}
