import { type AwsAnswer, AwsHttpClient, AwsServiceError, regionalEndpoint } from './aws-http';
import type { AwsCredentials } from './sigv4';

/** Secrets Manager GetSecretValue over its JSON protocol (the only call the functions make). */
export async function getSecretString(opts: {
  secretId: string;
  region: string;
  credentials: AwsCredentials;
}): Promise<string | undefined> {
  const http = new AwsHttpClient(
    {
      endpoint: regionalEndpoint('secretsmanager', opts.region),
      region: opts.region,
      service: 'secretsmanager',
      credentials: opts.credentials,
    },
    jsonError,
  );
  const answer = await http.post(
    { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
    JSON.stringify({ SecretId: opts.secretId }),
  );
  const out = JSON.parse(answer.body) as { SecretString?: unknown };
  return typeof out.SecretString === 'string' ? out.SecretString : undefined;
}

function jsonError(answer: AwsAnswer): AwsServiceError {
  let doc: { __type?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    doc = JSON.parse(answer.body) as typeof doc;
  } catch {
    // no JSON body: the status says enough
  }
  const type = typeof doc.__type === 'string' ? doc.__type : `HTTP${answer.status}`;
  return new AwsServiceError(
    type.slice(type.lastIndexOf('#') + 1),
    String(doc.message ?? doc.Message ?? `HTTP ${answer.status}`),
    answer.status,
  );
}
