import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsServiceError, AwsTransportError } from '../../functions/aws/aws-http';
import {
  ConditionalCheckFailedException,
  DynamoClient,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '../../functions/store/dynamo-api';

type Reply = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A loopback stand-in for DynamoDB that answers each request with the next reply in `replies`. */
async function fakeDynamo(replies: Reply[]): Promise<{
  url: string;
  seen: Array<{ headers: IncomingMessage['headers']; body: string }>;
  server: Server;
}> {
  const seen: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ headers: req.headers, body });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)];
      reply?.(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

const json =
  (status: number, doc: unknown): Reply =>
  (_req, _body, res) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify(doc));
  };

const clientOf = (url: string, extra: { requestTimeoutMs?: number; maxAttempts?: number } = {}) =>
  new DynamoClient({
    endpoint: url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    ...extra,
  });

describe('the DynamoDB client', () => {
  it('sends the operation as x-amz-target, signs it, and decodes binary values', async () => {
    // Prepare
    const dynamo = await fakeDynamo([
      json(200, { Item: { docz: { B: Buffer.from('zip').toString('base64') } } }),
    ]);
    // Act
    const out = await clientOf(dynamo.url).send(
      new GetItemCommand({ TableName: 't', Key: { pk: { S: 'A' }, bin: { B: Uint8Array.of(1, 2, 3) } } }),
    );
    // Assess
    expect(dynamo.seen[0]?.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(dynamo.seen[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=k\/\d{8}\/eu-west-1\/dynamodb\//,
    );
    expect(JSON.parse(dynamo.seen[0]?.body ?? '').Key.bin).toEqual({ B: 'AQID' });
    expect(Buffer.from(out.Item?.docz?.B as Uint8Array).toString()).toBe('zip');
  });

  it('retries throttling and 5xx answers, then succeeds', async () => {
    // Prepare
    const dynamo = await fakeDynamo([
      json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'slow down' }),
      json(503, {}),
      json(200, {}),
    ]);
    // Act
    const out = await clientOf(dynamo.url).send(new GetItemCommand({ TableName: 't', Key: {} }));
    // Assess
    expect(out).toEqual({});
    expect(dynamo.seen).toHaveLength(3);
  });

  it('does not retry a failed condition and hands back the stored item', async () => {
    // Prepare
    const dynamo = await fakeDynamo([
      json(400, {
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
        Item: { rev: { N: '3' } },
      }),
    ]);
    // Act
    const sent = clientOf(dynamo.url).send(new GetItemCommand({ TableName: 't', Key: {} }));
    // Assess
    await expect(sent).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(sent).rejects.toMatchObject({ Item: { rev: { N: '3' } } });
    expect(dynamo.seen).toHaveLength(1);
  });

  it('gives a transaction an idempotency token that its retries keep, and reports cancellation reasons', async () => {
    // Prepare
    const dynamo = await fakeDynamo([
      json(500, {}),
      json(400, {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        message: 'Transaction cancelled',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    ]);
    // Act
    const sent = clientOf(dynamo.url).send(new TransactWriteItemsCommand({ TransactItems: [] }));
    // Assess
    await expect(sent).rejects.toBeInstanceOf(TransactionCanceledException);
    await expect(sent).rejects.toMatchObject({
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
    });
    const tokens = dynamo.seen.map((s) => JSON.parse(s.body).ClientRequestToken);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).toBe(tokens[0]);
  });

  it('gives up on a database that does not answer within the bound of each attempt', async () => {
    // Prepare: accepts the request and never answers
    const dynamo = await fakeDynamo([() => undefined]);
    const started = Date.now();
    // Act
    const sent = clientOf(dynamo.url, { requestTimeoutMs: 200, maxAttempts: 2 }).send(
      new GetItemCommand({ TableName: 't', Key: {} }),
    );
    // Assess
    await expect(sent).rejects.toBeInstanceOf(AwsTransportError);
    expect(dynamo.seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports an unretryable service error with its code', async () => {
    // Prepare
    const dynamo = await fakeDynamo([
      json(400, { __type: 'com.amazon.coral.validate#ValidationException', message: 'bad key' }),
    ]);
    // Act
    const sent = clientOf(dynamo.url).send(new GetItemCommand({ TableName: 't', Key: {} }));
    // Assess
    await expect(sent).rejects.toBeInstanceOf(AwsServiceError);
    await expect(sent).rejects.toMatchObject({ code: 'ValidationException', httpStatus: 400 });
    expect(dynamo.seen).toHaveLength(1);
  });
});
