import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

export interface DynamoClientOptions {
  /** DynamoDB Local or another DynamoDB; absent = the region's AWS endpoint. */
  endpoint?: string;
  region?: string;
  credentials?: DynamoDBClientConfig['credentials'];
  maxAttempts?: number;
  /** Time allowed for one HTTP request; the SDK retries within `maxAttempts`. */
  requestTimeoutMs?: number;
}

/** DynamoDB Local checks that requests are signed, not by whom; with `-sharedDb` any key reaches the same data. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'eu-west-1';

/**
 * A stalled database must not hang a request (issue #12 item 6): each attempt gets a connect and a
 * response bound, and the client tries twice at most, so a caller hears back (OCPI 3000) within about
 * 5 s. DynamoDB answers in milliseconds; 2.5 s leaves room for DynamoDB Local on a loaded machine.
 */
export const CONNECTION_TIMEOUT_MS = 1_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 2_500;
export const DEFAULT_MAX_ATTEMPTS = 2;

/** Real DynamoDB is only reachable over https; a plain-http or loopback endpoint is a local stand-in. */
export function isLocalEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const url = new URL(endpoint);
  return url.protocol === 'http:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * Settings shared by the DynamoDB and DynamoDB Streams clients: keep-alive sockets (a TLS handshake per
 * request would dominate a Lambda's latency), bounded connect/request times, dummy credentials locally.
 */
export function sdkClientConfig(opts: DynamoClientOptions = {}) {
  const local = isLocalEndpoint(opts.endpoint);
  return {
    endpoint: opts.endpoint,
    region: opts.region ?? (local ? LOCAL_REGION : undefined),
    credentials: opts.credentials ?? (local ? LOCAL_CREDENTIALS : undefined),
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: {
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Without it the SDK only warns when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
      socketTimeout: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    },
  };
}

/**
 * The SDK client: table administration and streams (local runtime, tests, benchmarks). Tenant data
 * goes through `createDataClient` (data-client.ts). Build once per process and inject.
 */
export function createDynamoClient(opts: DynamoClientOptions = {}): DynamoDBClient {
  return new DynamoDBClient(sdkClientConfig(opts));
}
