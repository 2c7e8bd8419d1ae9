import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../functions/aws/sigv4';

/** The SDK's hash constructor shape (a plain hash, or an HMAC when given a key), backed by node:crypto. */
class Sha256 {
  private readonly hash: { update(data: string | Uint8Array): unknown; digest(): Buffer };
  constructor(secret?: unknown) {
    this.hash = secret ? createHmac('sha256', secret as string | Uint8Array) : createHash('sha256');
  }
  update(data: string | Uint8Array) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

async function sdkAuthorization(opts: {
  host: string;
  headers: Record<string, string>;
  body: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  service: string;
  at: Date;
}) {
  // Without the optional x-amz-content-sha256 header, which our requests do not send.
  const signer = new SignatureV4({
    applyChecksum: false,
    credentials: opts.credentials,
    region: opts.region,
    service: opts.service,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'https:',
      hostname: opts.host,
      path: '/',
      headers: { ...opts.headers, host: opts.host },
      body: opts.body,
    },
    { signingDate: opts.at },
  );
  return signed.headers as Record<string, string>;
}

describe('signRequest', () => {
  const at = new Date('2026-03-04T05:06:07.890Z');
  const cases: Array<{
    name: string;
    host: string;
    region: string;
    service: string;
    headers: Record<string, string>;
    body: string;
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  }> = [
    {
      name: 'a DynamoDB call with a session token',
      host: 'dynamodb.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      service: 'dynamodb',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
      body: JSON.stringify({ TableName: 't', Key: { pk: { S: 'A#1' }, sk: { S: 'B' } } }),
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+1', sessionToken: 'token==' },
    },
    {
      name: 'an STS query call without a session token',
      host: 'sts.eu-central-1.amazonaws.com',
      region: 'eu-central-1',
      service: 'sts',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr',
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'other-secret' },
    },
  ];

  for (const c of cases) {
    it(`signs ${c.name} exactly as the AWS SDK's signer does`, async () => {
      // Act
      const ours = signRequest(
        { method: 'POST', host: c.host, path: '/', headers: c.headers, body: c.body },
        { region: c.region, service: c.service, credentials: c.credentials },
        at,
      );
      const sdk = await sdkAuthorization({ ...c, at });
      // Assess
      expect(ours.authorization).toBe(sdk.authorization);
      expect(ours['x-amz-date']).toBe(sdk['x-amz-date']);
      expect(ours['x-amz-security-token']).toBe(sdk['x-amz-security-token']);
    });
  }
});
