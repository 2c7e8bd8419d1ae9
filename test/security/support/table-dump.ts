import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { tableNameOf } from '../../../functions/config';
import { testDynamoClient } from '../../support/dynamo';
import type { TestHub } from '../../support/test-hub';

/** Every item of a tenant's table as one JSON text (what an attacker with a table dump would read). */
export async function dumpTenantTable(
  hub: TestHub,
  tenant: string,
): Promise<{ text: string; items: number }> {
  const items: unknown[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await testDynamoClient().send(
      new ScanCommand({
        TableName: tableNameOf(hub.config, tenant),
        ...(startKey ? { ExclusiveStartKey: startKey as never } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { text: JSON.stringify(items), items: items.length };
}
