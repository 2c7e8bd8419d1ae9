import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type StreamCheckpoint,
  type StreamPoller,
  startStreamPoller,
} from '../../functions/local/stream-poller';
import { createTestTable, testDynamoClient, testDynamoEndpoint } from '../support/dynamo';
import { eventually } from '../support/eventually';
import { FakeStreamSource } from './fake-stream-source';

const pollers: StreamPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

function memoryCheckpoint(): StreamCheckpoint & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    saved,
    load: async (shardId) => saved.get(shardId),
    save: async (shardId, seq) => {
      saved.set(shardId, seq);
    },
  };
}

function recorder() {
  const records: DynamoDBRecord[] = [];
  return { records, handler: async (batch: DynamoDBRecord[]) => void records.push(...batch) };
}

function start(
  tableName: string,
  handler: (r: DynamoDBRecord[]) => Promise<void>,
  checkpoint: StreamCheckpoint,
) {
  const poller = startStreamPoller({
    client: { endpoint: testDynamoEndpoint() },
    tableName,
    handler,
    checkpoint,
    intervalMs: 50,
    retryDelayMs: { initial: 20, max: 100 },
    onError: () => {},
  });
  pollers.push(poller);
  return poller;
}

async function put(tableName: string, sk: string, value = 'v1') {
  await testDynamoClient().send(
    new PutItemCommand({
      TableName: tableName,
      Item: { pk: { S: 'p' }, sk: { S: sk }, value: { S: value } },
    }),
  );
}

const sortKeys = (records: DynamoDBRecord[]) => records.map((r) => r.dynamodb?.Keys?.sk?.S);

describe('startStreamPoller on DynamoDB Local', () => {
  it('delivers inserts, updates and removes in order, shaped like Lambda stream records', async () => {
    // Prepare
    const tableName = await createTestTable('poller');
    const { records, handler } = recorder();
    await start(tableName, handler, memoryCheckpoint()).ready;

    // Act
    await put(tableName, 'a');
    await put(tableName, 'b');
    await testDynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'p' }, sk: { S: 'a' } },
        UpdateExpression: 'SET #v = :v',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':v': { S: 'v2' } },
      }),
    );
    await testDynamoClient().send(
      new DeleteItemCommand({ TableName: tableName, Key: { pk: { S: 'p' }, sk: { S: 'b' } } }),
    );

    // Assess
    await eventually(() => records.length === 4, { timeoutMs: 10_000, intervalMs: 50 });
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'INSERT', 'MODIFY', 'REMOVE']);
    expect(sortKeys(records)).toEqual(['a', 'b', 'a', 'b']);
    const [insert, , modify, remove] = records;
    expect(insert?.eventSource).toBe('aws:dynamodb');
    expect(insert?.eventSourceARN).toContain(`table/${tableName}/stream/`);
    expect(insert?.dynamodb?.Keys).toEqual({ pk: { S: 'p' }, sk: { S: 'a' } });
    expect(insert?.dynamodb?.NewImage?.value).toEqual({ S: 'v1' });
    expect(insert?.dynamodb?.ApproximateCreationDateTime).toBeTypeOf('number');
    expect(modify?.dynamodb?.OldImage?.value).toEqual({ S: 'v1' });
    expect(modify?.dynamodb?.NewImage?.value).toEqual({ S: 'v2' });
    expect(remove?.dynamodb?.OldImage?.value).toEqual({ S: 'v1' });
    expect(remove?.dynamodb?.NewImage).toBeUndefined();
    const sequence = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'));
    expect(sequence).toEqual([...sequence].sort((x, y) => (x < y ? -1 : 1)));
  });

  it('starts after the changes made before its first start', async () => {
    // Prepare
    const tableName = await createTestTable('poller');
    await put(tableName, 'before');
    const { records, handler } = recorder();
    await start(tableName, handler, memoryCheckpoint()).ready;

    // Act
    await put(tableName, 'after');

    // Assess
    await eventually(() => records.length === 1, { timeoutMs: 10_000, intervalMs: 50 });
    expect(sortKeys(records)).toEqual(['after']);
  });

  it('retries a batch the handler rejects until it accepts it, then checkpoints it', async () => {
    // Prepare
    const tableName = await createTestTable('poller');
    const checkpoint = memoryCheckpoint();
    const attempts: string[][] = [];
    const handler = async (batch: DynamoDBRecord[]) => {
      attempts.push(sortKeys(batch).map(String));
      if (attempts.length < 3) throw new Error('partner unreachable');
    };
    await start(tableName, handler, checkpoint).ready;

    // Act
    await put(tableName, 'x');

    // Assess
    await eventually(() => attempts.length === 3, { timeoutMs: 10_000, intervalMs: 20 });
    expect(attempts).toEqual([['x'], ['x'], ['x']]);
    await eventually(() => checkpoint.saved.size === 1, { timeoutMs: 5_000, intervalMs: 20 });
  });

  it('resumes from its checkpoint after a restart without losing or repeating records', async () => {
    // Prepare
    const tableName = await createTestTable('poller');
    const checkpoint = memoryCheckpoint();
    const { records, handler } = recorder();
    const first = start(tableName, handler, checkpoint);
    await first.ready;
    await put(tableName, '1');
    await put(tableName, '2');
    await eventually(() => records.length === 2, { timeoutMs: 10_000, intervalMs: 50 });
    await first.stop();

    // Act
    await put(tableName, '3');
    await put(tableName, '4');
    await start(tableName, handler, checkpoint).ready;
    await put(tableName, '5');
    // A sentinel written last: the shard hands records over in order, so a duplicate of 1-5 would
    // arrive before it.
    await put(tableName, '6');

    // Assess
    await eventually(() => sortKeys(records).includes('6'), { timeoutMs: 10_000, intervalMs: 50 });
    expect(sortKeys(records)).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});

describe('startStreamPoller across shards', () => {
  function startOnFake(
    source: FakeStreamSource,
    checkpoint: StreamCheckpoint,
    handler: (r: DynamoDBRecord[]) => Promise<void>,
  ) {
    const poller = startStreamPoller({
      client: {},
      tableName: 'fake',
      handler,
      checkpoint,
      intervalMs: 10,
      source,
    });
    pollers.push(poller);
    return poller;
  }

  it('follows a shard that closes into its child shard', async () => {
    // Prepare
    const source = new FakeStreamSource();
    source.addShard('shard-1');
    const checkpoint = memoryCheckpoint();
    const { records, handler } = recorder();
    await startOnFake(source, checkpoint, handler).ready;

    // Act
    source.append('shard-1', 'a', 'b');
    source.closeShard('shard-1');
    source.addShard('shard-2', 'shard-1');
    source.append('shard-2', 'c');

    // Assess
    await eventually(() => records.length === 3, { timeoutMs: 5_000, intervalMs: 10 });
    expect(sortKeys(records)).toEqual(['a', 'b', 'c']);
    expect(Object.fromEntries(checkpoint.saved)).toEqual({ 'shard-1': '2', 'shard-2': '3' });
  });

  it('after a restart, finishes the checkpointed parent shard before reading its child whole', async () => {
    // Prepare
    const source = new FakeStreamSource();
    source.childrenFirst = true;
    source.addShard('shard-1');
    source.append('shard-1', 'seen', 'unseen');
    source.closeShard('shard-1');
    source.addShard('shard-2', 'shard-1');
    source.append('shard-2', 'in-child');
    const checkpoint = memoryCheckpoint();
    checkpoint.saved.set('shard-1', '1');
    const { records, handler } = recorder();

    // Act
    await startOnFake(source, checkpoint, handler).ready;

    // Assess
    await eventually(() => records.length === 2, { timeoutMs: 5_000, intervalMs: 10 });
    expect(sortKeys(records)).toEqual(['unseen', 'in-child']);
  });

  it('skips shards closed before its very first start and reads the open one from its latest record', async () => {
    // Prepare
    const source = new FakeStreamSource();
    source.addShard('shard-1');
    source.append('shard-1', 'old');
    source.closeShard('shard-1');
    source.addShard('shard-2', 'shard-1');
    source.append('shard-2', 'older-than-start');
    const { records, handler } = recorder();
    await startOnFake(source, memoryCheckpoint(), handler).ready;

    // Act
    source.append('shard-2', 'new');

    // Assess
    await eventually(() => records.length === 1, { timeoutMs: 5_000, intervalMs: 10 });
    expect(sortKeys(records)).toEqual(['new']);
  });
});
