import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDataClient } from '../../functions/store/data-client';
import type { DynamoClient as DataClient } from '../../functions/store/dynamo-api';
import { createDynamoClient } from '../../functions/store/dynamo-client';
import { ensureTable } from '../../functions/store/table-admin';
import './provided-context';

type DynamoClient = ReturnType<typeof createDynamoClient>;

let client: DynamoClient | undefined;

export function testDynamoEndpoint(): string {
  return inject('dynamoEndpoint');
}

/** One client per test file, to the run's DynamoDB Local. */
export function testDynamoClient(): DynamoClient {
  client ??= createDynamoClient({ endpoint: testDynamoEndpoint() });
  return client;
}

let dataClient: DataClient | undefined;

/** The client the hub's repositories read and write tenant tables with (TenantTable), one per test file. */
export function testDataClient(): DataClient {
  dataClient ??= createDataClient({ endpoint: testDynamoEndpoint() });
  return dataClient;
}

/** A fresh table with the hub's schema under a unique name, so test files never share data. */
export async function createTestTable(prefix = 'test'): Promise<string> {
  const tableName = `${prefix}-${randomUUID().slice(0, 13)}`;
  await ensureTable(testDynamoClient(), tableName);
  return tableName;
}
