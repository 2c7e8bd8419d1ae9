import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignableRequest {
  method: 'POST';
  /** `host[:port]` exactly as sent in the Host header. */
  host: string;
  path: string;
  /** Lower-case names; every one is signed. */
  headers: Record<string, string>;
  body: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * AWS Signature Version 4 for a POST with a body and no query string, the only request shape the
 * functions send (DynamoDB, STS and Secrets Manager APIs). Returns the headers to add: x-amz-date,
 * the session token when there is one, and Authorization. Checked against the AWS SDK's signer
 * (test/aws/sigv4.test.ts).
 */
export function signRequest(
  request: SignableRequest,
  scope: { region: string; service: string; credentials: AwsCredentials },
  now: Date = new Date(),
): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const added: Record<string, string> = { 'x-amz-date': amzDate };
  if (scope.credentials.sessionToken) added['x-amz-security-token'] = scope.credentials.sessionToken;
  const headers: Record<string, string> = { ...request.headers, host: request.host, ...added };
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    '',
    ...names.map((n) => `${n}:${String(headers[n]).trim().replace(/\s+/g, ' ')}`),
    '',
    signedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac(
    'sha256',
    signingKey(scope.credentials.secretAccessKey, day, scope.region, scope.service),
  )
    .update(stringToSign)
    .digest('hex');
  added.authorization = `${ALGORITHM} Credential=${scope.credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return added;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The derived key changes once a day per secret, region and service: four HMACs saved per request. */
const keyCache = new Map<string, Buffer>();

function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const cacheKey = `${day}|${region}|${service}|${secret}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    const hmac = (k: string | Buffer, data: string) => createHmac('sha256', k).update(data).digest();
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
    if (keyCache.size > 50) keyCache.clear();
    keyCache.set(cacheKey, key);
  }
  return key;
}
