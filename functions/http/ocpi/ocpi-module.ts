import type { Hono } from 'hono';
import type { HubRuntime } from '../../hub/hub-runtime';
import type { EndpointRef } from '../../ocpi/modules';
import type { HubEnv } from '../http-env';

/** One OCPI module of the hub: the endpoints it advertises and the routes that serve them. */
export interface OcpiModule {
  endpoints: readonly EndpointRef[];
  /** Registers the routes on the app scoped at `/:tenant/ocpi/2.2.1`. */
  routes(runtime: HubRuntime): Hono<HubEnv>;
}
