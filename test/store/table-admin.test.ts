import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { deleteTable, ensureTable, TableSchemaMismatchError } from '../../functions/store/table-admin';
import { testDynamoClient } from '../support/dynamo';

const uniqueName = () => `admin-${randomUUID().slice(0, 13)}`;

async function describeTable(tableName: string) {
  return (await testDynamoClient().send(new DescribeTableCommand({ TableName: tableName }))).Table;
}

describe('ensureTable', () => {
  it('creates the table with the hub key schema, indexes, stream and TTL', async () => {
    // Prepare
    const client = testDynamoClient();
    const tableName = uniqueName();

    // Act
    const outcome = await ensureTable(client, tableName);

    // Assess
    expect(outcome).toBe('created');
    const table = await describeTable(tableName);
    expect(table?.TableStatus).toBe('ACTIVE');
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table?.AttributeDefinitions?.map((a) => [a.AttributeName, a.AttributeType]).sort()).toEqual([
      ['gsi1pk', 'S'],
      ['gsi1sk', 'S'],
      ['gsi2pk', 'S'],
      ['gsi2sk', 'S'],
      ['pk', 'S'],
      ['sk', 'S'],
    ]);
    const indexes = (table?.GlobalSecondaryIndexes ?? []).map((i) => ({
      name: i.IndexName,
      keys: i.KeySchema,
      projection: i.Projection?.ProjectionType,
    }));
    expect(indexes.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      {
        name: 'gsi1',
        keys: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        projection: 'ALL',
      },
      {
        name: 'gsi2',
        keys: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        projection: 'ALL',
      },
    ]);
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(table?.LatestStreamArn).toBeTruthy();
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' });
  });

  it('reports an existing table as existing and leaves its stream alone', async () => {
    // Prepare
    const client = testDynamoClient();
    const tableName = uniqueName();
    await ensureTable(client, tableName);
    const streamBefore = (await describeTable(tableName))?.LatestStreamArn;

    // Act
    const outcome = await ensureTable(client, tableName);

    // Assess
    expect(outcome).toBe('exists');
    expect((await describeTable(tableName))?.LatestStreamArn).toBe(streamBefore);
  });

  it('creates the table exactly once when two callers race', async () => {
    // Prepare
    const client = testDynamoClient();
    const tableName = uniqueName();

    // Act
    const outcomes = await Promise.all([ensureTable(client, tableName), ensureTable(client, tableName)]);

    // Assess
    expect(outcomes.sort()).toEqual(['created', 'exists']);
    expect((await describeTable(tableName))?.TableStatus).toBe('ACTIVE');
  });

  it('refuses an existing table whose key schema differs from the hub schema', async () => {
    // Prepare
    const client = testDynamoClient();
    const tableName = uniqueName();
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );

    // Act
    const outcome = ensureTable(client, tableName);

    // Assess
    await expect(outcome).rejects.toThrow(TableSchemaMismatchError);
    await expect(outcome).rejects.toThrow(/primary key.*stream/);
  });
});

describe('deleteTable', () => {
  it('deletes the table and treats a missing table as deleted', async () => {
    // Prepare
    const client = testDynamoClient();
    const tableName = uniqueName();
    await ensureTable(client, tableName);

    // Act
    await deleteTable(client, tableName);
    const again = deleteTable(client, tableName);

    // Assess
    await expect(again).resolves.toBeUndefined();
    await expect(describeTable(tableName)).rejects.toThrow(/not found|non-existent/i);
  });
});
