import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { type HubConfig, tableNameOf } from '../config';
import { createHubApp } from '../http/hub-app';
import { AuthCache } from '../hub/auth/auth-cache';
import { TokenKeys } from '../hub/auth/token-keys';
import type { HubRuntime } from '../hub/hub-runtime';
import { RequestLimits } from '../hub/limits/request-limits';
import { createLogger, type HubLog, type LogLevel } from '../logger';
import { type HubMetrics, logMetrics } from '../metrics';
import { createPartnerHttpClient } from '../outbound/partner-http-client';
import type { ResolveHost } from '../outbound/url-guard';
import { createDataClient } from '../store/data-client';
import type { DynamoClient } from '../store/dynamo-api';
import { createDynamoClient } from '../store/dynamo-client';
import { ensureTable } from '../store/table-admin';
import { sharedClientTenantStores } from '../store/tenant-stores';
import { provisionAdminTokens } from './admin-token-provisioning';
import { type DeliveryLoop, type DeliveryLoopTuning, startDeliveryLoop } from './delivery-loop';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local';
import { isPortFree } from './free-port';
import { makeDataDirPrivate } from './private-data-dir';
import { loadOrCreateKeyFile } from './secret-files';

export class LocalHubError extends Error {}

export interface LocalHubOptions {
  config: HubConfig;
  dataDir: string;
  host?: string;
  /** 0 = a free port. */
  port?: number;
  /** Use this DynamoDB instead of starting DynamoDB Local. */
  dynamoEndpoint?: string;
  /** Base URL partners reach the hub at; default `http://<host>:<port>` of this server. */
  publicUrl?: string;
  adminToken?: string;
  logLevel?: LogLevel;
  log?: HubLog;
  /** Where counts go (default: DEBUG log lines); tests record them. */
  metrics?: HubMetrics;
  now?: () => number;
  /** `false` turns the authentication cache off (benchmarks measure what it buys). */
  authCache?: false;
  /** DNS for the outbound guard (tests inject one; default is the system resolver). */
  resolve?: ResolveHost;
  /** Token keys instead of the data folder's key file (tests re-key with them). */
  keys?: TokenKeys;
  /** Delivery worker and scheduled-job timing (tests shorten it). */
  delivery?: DeliveryLoopTuning;
}

export interface LocalHub {
  url: string;
  port: number;
  /**
   * Admin tokens to show the operator, per tenant: one generated at this start because the tenant had
   * none that works (shown once, never again), or HUB_ADMIN_TOKEN. Empty for a tenant that has its tokens.
   */
  adminTokens: Map<string, string>;
  runtime: HubRuntime;
  /** The DynamoDB client every tenant's repositories share (benchmarks count its calls). */
  dynamoClient: DynamoClient;
  /** Stream-driven delivery and the scheduled jobs (functions/local/delivery-loop.ts). */
  delivery: DeliveryLoop;
  stop(): Promise<void>;
}

/**
 * The hub on one machine: DynamoDB Local (or DYNAMODB_ENDPOINT), the tenant tables, both APIs on one
 * Node server. Same code paths as in AWS; only this entry point differs.
 */
export async function startLocalHub(opts: LocalHubOptions): Promise<LocalHub> {
  const log = opts.log ?? createLogger({ level: opts.logLevel });
  // Fail before the JVM starts: a taken port is the commonest start-up problem and costs seconds otherwise.
  if (opts.port && !(await isPortFree(opts.port, opts.host ?? '127.0.0.1')))
    throw portTaken(opts.host ?? '127.0.0.1', opts.port);
  makeDataDirPrivate(opts.dataDir);
  const keys = opts.keys ?? new TokenKeys(loadOrCreateKeyFile(opts.dataDir));
  let dynamo: DynamoDbLocal | undefined;
  if (!opts.dynamoEndpoint) {
    dynamo = await startDynamoDbLocal({ dataDir: join(opts.dataDir, 'dynamodb') });
    if (!dynamo.loopbackOnly)
      log.security('dynamodb_local_on_every_interface', {
        port: dynamo.port,
        why: 'no javac (JDK) to build the loopback launcher: install a JDK (README "Prerequisites")',
      });
  }
  const endpoint = opts.dynamoEndpoint ?? dynamo?.endpoint;
  // Tables are created with the SDK; every read and write of tenant data goes through the data client.
  const client = createDynamoClient({ endpoint });
  const dataClient = createDataClient({ endpoint });
  const outbound = createPartnerHttpClient({
    resolve: opts.resolve,
    onRefused: (event) => log.security('outbound_url_refused', event),
  });
  let delivery: DeliveryLoop | undefined;
  // The public URL defaults to the address the server listens on, so the server listens first and
  // serves the app once the runtime (which carries that URL) exists.
  let app: ReturnType<typeof createHubApp> | undefined;
  const server = createAdaptorServer({
    fetch: (request: Request, env: unknown) =>
      app ? app.fetch(request, env) : new Response('starting', { status: 503 }),
  });
  const closeServer = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  const cleanup = async () => {
    await closeServer();
    await delivery?.stop();
    await outbound.close();
    client.destroy();
    await dynamo?.stop();
  };
  try {
    const now = opts.now ?? Date.now;
    const stores = sharedClientTenantStores(dataClient, opts.config);
    for (const tenant of opts.config.tenants) await ensureTable(client, tableNameOf(opts.config, tenant.id));
    const adminTokens = await provisionAdminTokens({
      tenantIds: opts.config.tenants.map((t) => t.id),
      stores,
      keys,
      now,
      dataDir: opts.dataDir,
      fixedToken: opts.adminToken,
    });
    const host = opts.host ?? '127.0.0.1';
    const port = await listen(server, host, opts.port ?? 0);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const runtime: HubRuntime = {
      config: opts.config,
      stores,
      keys,
      log,
      metrics: opts.metrics ?? logMetrics(log),
      outbound,
      // Never derived from a request's Host header (issue #10, finding 2): configured or our own address.
      publicUrl: opts.publicUrl ?? url,
      now,
      authCache: opts.authCache === false ? undefined : new AuthCache(),
      limits: new RequestLimits(),
    };
    delivery = await startDeliveryLoop(runtime, {
      client: { endpoint: opts.dynamoEndpoint ?? dynamo?.endpoint },
      dataDir: opts.dataDir,
      ...opts.delivery,
    });
    app = createHubApp(runtime);
    return {
      url,
      port,
      adminTokens,
      runtime,
      dynamoClient: dataClient,
      delivery,
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function portTaken(host: string, port: number): LocalHubError {
  return new LocalHubError(
    `Port ${port} on ${host} is in use: stop the other process or set PORT to a free port.`,
  );
}

function listen(server: ReturnType<typeof createAdaptorServer>, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(portTaken(host, port));
      else reject(new LocalHubError(`cannot listen on ${host}:${port}: ${err.message}`));
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
