import type { Hono } from 'hono';
import type { HubRuntime } from '../../hub/hub-runtime';
import type { EndpointRef } from '../../ocpi/modules';
import type { HubEnv } from '../http-env';

/** The path (below `/{tenant}/ocpi/2.2.1`) of each advertised endpoint. */
export function endpointPath(ref: EndpointRef): string {
  // Configuration modules have one interface; functional modules get one URL per interface because
  // their paths collide otherwise (Sender `GET {url}/{id}/{evse}/{connector}` vs Receiver
  // `GET {url}/{cc}/{pid}/{id}`).
  if (ref.identifier === 'credentials' || ref.identifier === 'hubclientinfo') return `/${ref.identifier}`;
  return `/${ref.role.toLowerCase()}/${ref.identifier}`;
}

/** One OCPI module of the hub: the endpoints it advertises and the routes that serve them. */
export interface OcpiModule {
  endpoints: readonly EndpointRef[];
  /** Registers the routes on the app scoped at `/:tenant/ocpi/2.2.1`. */
  routes(runtime: HubRuntime): Hono<HubEnv>;
}
