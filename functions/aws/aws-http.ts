import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type AwsCredentials, signRequest } from './sigv4';

/**
 * The transport of the hub's own AWS client (DynamoDB, STS, Secrets Manager): signed POSTs over
 * keep-alive connections, a bound on every attempt, and retries of throttling, 5xx answers and
 * broken connections with jittered exponential backoff, as the AWS SDK's "standard" retry mode does.
 * It replaces the SDK in the Lambda bundles: the functions use four API calls, and the SDK's generic
 * machinery cost most of the ocpi bundle and of its cold start (bench/README.md, lambda-bundles).
 */
export interface AwsClientOptions {
  /** Origin such as `https://dynamodb.eu-west-1.amazonaws.com` or DynamoDB Local's `http://127.0.0.1:8000`. */
  endpoint: string;
  region: string;
  /** The signing name: `dynamodb`, `sts`, `secretsmanager`. */
  service: string;
  credentials: AwsCredentials | (() => Promise<AwsCredentials>);
  /** Attempts per call, the first included. */
  maxAttempts?: number;
  connectTimeoutMs?: number;
  /** Bound of one attempt, from sending to the whole answer read. */
  requestTimeoutMs?: number;
}

/** An answer of the service that is not a success, with its wire error code (e.g. `ThrottlingException`). */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
    /** The error document's other fields (DynamoDB's CancellationReasons, for one). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${message}`);
  }
}

/** No answer: connection refused or broken, or an attempt that took longer than its bound. */
export class AwsTransportError extends Error {}

export interface AwsAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const BACKOFF_BASE_MS = 100;
const THROTTLING_BACKOFF_BASE_MS = 500;
const MAX_BACKOFF_MS = 20_000;

/** The SDK's throttling codes: retried after a longer pause. */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'RequestThrottled',
  'LimitExceededException',
]);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
};

export class AwsHttpClient {
  private readonly url: URL;

  constructor(
    readonly options: AwsClientOptions,
    /** Turns a non-2xx answer into the service's error (JSON or XML, per protocol). */
    private readonly errorOf: (answer: AwsAnswer) => AwsServiceError,
  ) {
    this.url = new URL(options.endpoint);
  }

  /** POSTs `body` with `headers` (signed), retrying what the SDK retries; resolves with a 2xx answer. */
  async post(headers: Record<string, string>, body: string): Promise<AwsAnswer> {
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      let failure: Error;
      let throttled = false;
      try {
        const answer = await this.attempt(headers, body);
        if (answer.status >= 200 && answer.status < 300) return answer;
        const error = this.errorOf(answer);
        throttled = THROTTLING.has(error.code);
        if (!throttled && !TRANSIENT_STATUS.has(answer.status)) throw error;
        failure = error;
      } catch (err) {
        if (!(err instanceof AwsTransportError)) throw err;
        failure = err;
      }
      if (attempt >= maxAttempts) throw failure;
      const base = throttled ? THROTTLING_BACKOFF_BASE_MS : BACKOFF_BASE_MS;
      await pause(Math.floor(Math.random() * Math.min(MAX_BACKOFF_MS, base * 2 ** attempt)));
    }
  }

  private async attempt(headers: Record<string, string>, body: string): Promise<AwsAnswer> {
    const { credentials, region, service } = this.options;
    const resolved = typeof credentials === 'function' ? await credentials() : credentials;
    const path = this.url.pathname || '/';
    const signed = signRequest(
      { method: 'POST', host: this.url.host, path, headers, body },
      { region, service, credentials: resolved },
    );
    const https = this.url.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    return new Promise<AwsAnswer>((resolve, reject) => {
      const req = send({
        protocol: this.url.protocol,
        hostname: this.url.hostname,
        port: this.url.port,
        path,
        method: 'POST',
        agent: https ? agents.https : agents.http,
        headers: { ...headers, ...signed, 'content-length': Buffer.byteLength(body) },
      });
      const fail = (message: string) => req.destroy(new AwsTransportError(message));
      const overall = setTimeout(
        () => fail(`no answer from ${service} within ${this.requestTimeoutMs()} ms`),
        this.requestTimeoutMs(),
      );
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connect = setTimeout(
          () => fail(`no connection to ${service} within ${this.connectTimeoutMs()} ms`),
          this.connectTimeoutMs(),
        );
        socket.once('connect', () => clearTimeout(connect));
        socket.once('close', () => clearTimeout(connect));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(overall);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', (err) => {
          clearTimeout(overall);
          reject(err instanceof AwsTransportError ? err : new AwsTransportError(err.message));
        });
      });
      req.on('error', (err) => {
        clearTimeout(overall);
        reject(err instanceof AwsTransportError ? err : new AwsTransportError(`${service}: ${err.message}`));
      });
      req.end(body);
    });
  }

  private requestTimeoutMs(): number {
    return this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  private connectTimeoutMs(): number {
    return this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }
}

/**
 * The suffix of the AWS SDKs' service-specific endpoint variable (`AWS_ENDPOINT_URL_<ID>`: the
 * service id upper-cased, spaces as underscores) of each service the functions call.
 */
const ENDPOINT_VARIABLE_IDS: Readonly<Record<string, string>> = {
  dynamodb: 'DYNAMODB',
  sts: 'STS',
  secretsmanager: 'SECRETS_MANAGER',
};

/**
 * The endpoint of an AWS service: `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`, as the AWS
 * SDKs read them (ignored when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), else the region's public
 * endpoint (the China partition has its own domain). The variables point a function at stand-ins:
 * the bundle tests run the built functions against DynamoDB Local and loopback STS and Secrets Manager.
 */
export function regionalEndpoint(
  service: string,
  region: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return (
    configuredEndpoint(service, env) ??
    `https://${service}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`
  );
}

function configuredEndpoint(service: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined;
  const id = ENDPOINT_VARIABLE_IDS[service] ?? service.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  for (const name of [`AWS_ENDPOINT_URL_${id}`, 'AWS_ENDPOINT_URL']) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (!/^https?:\/\/[^/]/i.test(value) || !URL.canParse(value))
      throw new Error(`${name}: not an http(s) URL`);
    return value.replace(/\/+$/, '');
  }
  return undefined;
}

/** The Lambda execution role's credentials, which the runtime puts in the environment. */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('AWS credentials missing from the environment');
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}

/** The function's region, as the Lambda runtime sets it. */
export function environmentRegion(env: NodeJS.ProcessEnv = process.env): string {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('AWS_REGION is not set');
  return region;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
