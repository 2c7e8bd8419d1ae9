import type { Caller } from '../hub/auth/credential-auth';
import type { TenantContext } from '../hub/hub-runtime';
import type { OcpiCall } from '../hub/routing/ocpi-call';
import type { HubLog } from '../logger';
import type { RequestIds } from '../ocpi/request-ids';

/** Per-request variables shared by the OCPI and admin apps' middleware and routes. */
export type HubVariables = {
  ids: RequestIds;
  log: HubLog;
  tenant: TenantContext;
  caller: Caller;
  /** The caller sent its token raw, not base64 (set with `caller`; leniency telemetry). */
  tokenSentRaw: boolean;
  /** A functional-module request as the hub services take it (http/ocpi/ocpi-request.ts ocpiCall). */
  call?: OcpiCall;
  /** The admin token of an admin request (its id and name, never the secret). */
  adminToken: { id: string; name: string };
};

export type HubEnv = { Variables: HubVariables };
