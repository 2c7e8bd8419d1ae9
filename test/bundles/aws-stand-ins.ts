import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call a stand-in answered: the action, the SigV4 credential scope it was signed for, its input. */
export interface StandInCall {
  action: string;
  /** `<access key id>/<date>/<region>/<service>/aws4_request` from the Authorization header. */
  credentialScope: string | undefined;
  input: Record<string, string>;
}

export interface StandIn {
  readonly url: string;
  readonly calls: StandInCall[];
  close(): Promise<void>;
}

export interface SecretsManagerStandIn extends StandIn {
  /** Secret values by name or ARN, as the functions read and the bootstrap function writes them. */
  readonly secrets: Map<string, string>;
}

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => StandInCall;

async function listen(handle: Handler): Promise<StandIn & { server: Server }> {
  const calls: StandInCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => calls.push(handle(req, Buffer.concat(chunks).toString('utf8'), res)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const credentialScopeOf = (req: IncomingMessage): string | undefined =>
  /Credential=([^,]+)/.exec(String(req.headers.authorization ?? ''))?.[1];

/**
 * STS on loopback: AssumeRole over the query protocol, answered with XML as STS does, with fresh
 * credentials per call (DynamoDB Local accepts any signature, so they work there).
 */
export async function startStsStandIn(): Promise<StandIn> {
  const base = await listen((req, body, res) => {
    const form = Object.fromEntries(new URLSearchParams(body));
    const call = { action: form.Action ?? '?', credentialScope: credentialScopeOf(req), input: form };
    if (form.Action !== 'AssumeRole' || !form.RoleArn) {
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(
        '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>not AssumeRole</Message></Error></ErrorResponse>',
      );
      return call;
    }
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
    res.end(
      `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
        `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId>` +
        `<SecretAccessKey>${randomBytes(20).toString('hex')}</SecretAccessKey>` +
        `<SessionToken>${randomBytes(32).toString('base64')}</SessionToken>` +
        `<Expiration>${expiration}</Expiration></Credentials>` +
        `<AssumedRoleUser><AssumedRoleId>AROA:${form.RoleSessionName}</AssumedRoleId>` +
        `<Arn>${form.RoleArn}/${form.RoleSessionName}</Arn></AssumedRoleUser>` +
        `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
        `</AssumeRoleResponse>`,
    );
    return call;
  });
  return { url: base.url, calls: base.calls, close: base.close };
}

/**
 * Secrets Manager on loopback, JSON protocol: GetSecretValue for the functions' keys secret, and
 * CreateSecret / PutSecretValue for the bootstrap-admin function's per-tenant secret.
 */
export async function startSecretsManagerStandIn(
  initial: Readonly<Record<string, string>>,
): Promise<SecretsManagerStandIn> {
  const secrets = new Map(Object.entries(initial));
  const base = await listen((req, body, res) => {
    const action = String(req.headers['x-amz-target'] ?? '').replace(/^secretsmanager\./, '');
    const input = JSON.parse(body || '{}') as Record<string, string>;
    const call = { action, credentialScope: credentialScopeOf(req), input };
    const answer = (status: number, doc: object) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomUUID(),
      });
      res.end(JSON.stringify(doc));
    };
    const notFound = () =>
      answer(400, {
        __type: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
      });
    const id = input.SecretId ?? input.Name ?? '';
    const arn = id.startsWith('arn:')
      ? id
      : `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${id}-AbCdEf`;
    if (action === 'GetSecretValue') {
      const value = secrets.get(id);
      if (value === undefined) notFound();
      else
        answer(200, {
          ARN: arn,
          Name: id,
          SecretString: value,
          VersionId: randomUUID(),
          VersionStages: ['AWSCURRENT'],
        });
    } else if (action === 'PutSecretValue') {
      if (!secrets.has(id)) notFound();
      else {
        secrets.set(id, input.SecretString ?? '');
        answer(200, { ARN: arn, Name: id, VersionId: randomUUID(), VersionStages: ['AWSCURRENT'] });
      }
    } else if (action === 'CreateSecret') {
      if (secrets.has(id)) answer(400, { __type: 'ResourceExistsException', message: 'exists' });
      else {
        secrets.set(id, input.SecretString ?? '');
        answer(200, { ARN: arn, Name: id, VersionId: randomUUID() });
      }
    } else {
      answer(400, { __type: 'InvalidRequestException', message: `${action} is not stood in` });
    }
    return call;
  });
  return { url: base.url, calls: base.calls, close: base.close, secrets };
}
