import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS } from './table-schema';

/** The table could not be brought to the state the hub needs. */
class TableAdminError extends Error {}

/** An existing table whose keys or stream differ from TABLE_KEYS: the code would misread it. */
export class TableSchemaMismatchError extends TableAdminError {}

const ACTIVE_TIMEOUT_MS = 5 * 60_000;

/** The table exactly as the CDK stack declares it (table-schema.ts), for local and test bootstraps. */
function tableDefinition(tableName: string): CreateTableCommandInput {
  const keyNames = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    // The delivery code compares old and new images (docs/architecture.md "Runtime shape").
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/**
 * Creates the table if missing, waits until it is ACTIVE and has TTL on `ttl`. Safe when several
 * processes bootstrap the same table at once: the loser of CreateTable waits like everybody else.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  let outcome: 'created' | 'exists' = 'exists';
  const existing = await describeTable(client, tableName);
  if (existing) {
    assertSameSchema(existing, tableName);
  } else {
    try {
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
      outcome = 'created';
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
    }
  }
  await waitUntilActive(client, tableName);
  await enableTtl(client, tableName);
  return outcome;
}

/**
 * Creates a new table without its stream, runs `load` (a bulk import, e.g. the benchmarks' seeding),
 * then turns the stream on and finishes the table as ensureTable does. DynamoDB Local writes a stream
 * record with every item and slows down as they pile up (160 items/s falling to 30 where the same
 * writes without a stream run at 1,000), and an import is not a change to deliver to anyone.
 */
export async function bulkLoadTable<T>(
  client: DynamoDBClient,
  tableName: string,
  load: () => Promise<T>,
): Promise<T> {
  if (await describeTable(client, tableName)) {
    throw new TableAdminError(`table ${tableName} exists: a bulk load only fills a new table`);
  }
  const { StreamSpecification: stream, ...withoutStream } = tableDefinition(tableName);
  await client.send(new CreateTableCommand(withoutStream));
  await waitUntilActive(client, tableName);
  const loaded = await load();
  await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: stream }));
  await ensureTable(client, tableName);
  return loaded;
}

/** Deletes the table and waits until it is gone; a missing table is already deleted. */
export async function deleteTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return;
    throw err;
  }
  await pollUntil(async () => (await describeTable(client, tableName)) === undefined, tableName, 'deleted');
}

/** One ListTables within `timeoutMs`: whether a DynamoDB answers at all (used while DynamoDB Local boots). */
export async function pingDynamo(client: DynamoDBClient, timeoutMs: number): Promise<boolean> {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

async function describeTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

function assertSameSchema(table: TableDescription, tableName: string): void {
  const wanted = tableDefinition(tableName);
  const keysOf = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) =>
    JSON.stringify((schema ?? []).map((k) => [k.AttributeName, k.KeyType]));
  const indexesOf = (
    indexes: { IndexName?: string; KeySchema?: { AttributeName?: string }[] }[] | undefined,
  ) =>
    JSON.stringify(
      (indexes ?? [])
        .map((i) => [i.IndexName, keysOf(i.KeySchema)])
        .sort((a, b) => String(a).localeCompare(String(b))),
    );
  const problems = [
    keysOf(table.KeySchema) !== keysOf(wanted.KeySchema) && 'primary key',
    indexesOf(table.GlobalSecondaryIndexes) !== indexesOf(wanted.GlobalSecondaryIndexes) &&
      'global secondary indexes',
    table.StreamSpecification?.StreamViewType !== 'NEW_AND_OLD_IMAGES' && 'stream (NEW_AND_OLD_IMAGES)',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new TableSchemaMismatchError(
      `table ${tableName} exists with a different ${problems.join(', ')} than table-schema.ts; delete or migrate it`,
    );
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  await pollUntil(
    async () => {
      const table = await describeTable(client, tableName);
      const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
      return table?.TableStatus === 'ACTIVE' && indexesActive;
    },
    tableName,
    'ACTIVE',
  );
}

async function enableTtl(client: DynamoDBClient, tableName: string): Promise<void> {
  if (await ttlIsOn(client, tableName)) return;
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
      }),
    );
  } catch (err) {
    // A concurrent bootstrap enabling TTL first makes ours fail; that is success for us.
    if (!(await ttlIsOn(client, tableName))) throw err;
  }
}

async function ttlIsOn(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const { TimeToLiveDescription: ttl } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  const on = ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING';
  if (on && ttl?.AttributeName !== TABLE_KEYS.ttlAttribute) {
    throw new TableSchemaMismatchError(`table ${tableName} expires items on ${ttl?.AttributeName}, not ttl`);
  }
  return on;
}

async function pollUntil(done: () => Promise<boolean>, tableName: string, state: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  // DynamoDB Local is ACTIVE at once; AWS takes seconds, so back off up to 2 s between checks.
  for (let delayMs = 50; !(await done()); delayMs = Math.min(delayMs * 2, 2_000)) {
    if (Date.now() > deadline)
      throw new TableAdminError(`table ${tableName} is not ${state} after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
