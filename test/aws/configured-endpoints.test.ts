import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { regionalEndpoint } from '../../functions/aws/aws-http';
import { getSecretString } from '../../functions/aws/secrets-manager';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

describe('the AWS endpoint of a service', () => {
  it('is the public regional endpoint without endpoint variables', () => {
    expect(regionalEndpoint('dynamodb', 'eu-west-1', {})).toBe('https://dynamodb.eu-west-1.amazonaws.com');
    expect(regionalEndpoint('sts', 'cn-north-1', {})).toBe('https://sts.cn-north-1.amazonaws.com.cn');
  });

  it("takes the service's own AWS_ENDPOINT_URL_<SERVICE> over AWS_ENDPOINT_URL", () => {
    const env = {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000/',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:9001',
    };
    expect(regionalEndpoint('dynamodb', 'eu-west-1', env)).toBe('http://127.0.0.1:8000');
    expect(regionalEndpoint('secretsmanager', 'eu-west-1', env)).toBe('http://127.0.0.1:9001');
    expect(regionalEndpoint('sts', 'eu-west-1', env)).toBe('http://127.0.0.1:4566');
  });

  it('ignores the variables when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true, as the SDKs do', () => {
    const env = {
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9002',
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    };
    expect(regionalEndpoint('sts', 'eu-west-1', env)).toBe('https://sts.eu-west-1.amazonaws.com');
  });

  it('refuses a value that is not an http(s) URL, naming the variable', () => {
    expect(() => regionalEndpoint('sts', 'eu-west-1', { AWS_ENDPOINT_URL_STS: 'localhost:9000' })).toThrow(
      'AWS_ENDPOINT_URL_STS: not an http(s) URL',
    );
  });
});

describe('a call of the functions’ own AWS client', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('goes to the endpoint AWS_ENDPOINT_URL_SECRETS_MANAGER names', async () => {
    // Prepare
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume().on('end', () => {
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify({ SecretString: 'from the stand-in' }));
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    vi.stubEnv(
      'AWS_ENDPOINT_URL_SECRETS_MANAGER',
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    );
    // Act
    const secret = await getSecretString({ secretId: 'keys', region: 'eu-west-1', credentials: CREDENTIALS });
    // Assess
    expect(secret).toBe('from the stand-in');
    expect(seen[0]?.['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(seen[0]?.authorization).toContain('/eu-west-1/secretsmanager/aws4_request');
  });
});
