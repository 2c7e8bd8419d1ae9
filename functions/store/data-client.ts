import { regionalEndpoint } from '../aws/aws-http';
import type { AwsCredentials } from '../aws/sigv4';
import { DynamoClient } from './dynamo-api';
import {
  CONNECTION_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  isLocalEndpoint,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
} from './dynamo-client';

export interface DataClientOptions {
  /** DynamoDB Local or another DynamoDB; absent = the region's AWS endpoint. */
  endpoint?: string;
  region?: string;
  credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
  maxAttempts?: number;
  /** Time allowed for one attempt; the client retries within `maxAttempts`. */
  requestTimeoutMs?: number;
}

/**
 * The client of every tenant table's reads and writes (TenantTable), locally and in AWS, on the
 * hub's own transport (functions/aws/aws-http.ts), with the SDK client's bounds. Build once per
 * process (per tenant in AWS) and inject. Importing dynamo-client.ts for its constants bundles no SDK
 * code: the SDK package is side-effect free and nothing of it is used here.
 */
export function createDataClient(opts: DataClientOptions): DynamoClient {
  const local = isLocalEndpoint(opts.endpoint);
  const region = opts.region ?? (local ? LOCAL_REGION : undefined);
  if (!region) throw new Error('DynamoDB needs a region');
  const credentials = opts.credentials ?? (local ? LOCAL_CREDENTIALS : undefined);
  if (!credentials) throw new Error('DynamoDB credentials are required outside DynamoDB Local');
  return new DynamoClient({
    endpoint: opts.endpoint ?? regionalEndpoint('dynamodb', region),
    region,
    credentials,
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    connectTimeoutMs: CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  });
}
