import type { DynamoClient } from '../../../functions/store/dynamo-api';
import { TenantTable } from '../../../functions/store/tenant-table';
import { testDataClient } from '../../support/dynamo';

/** Every DynamoDB call a table made (by command name, failed ones too), with the entries each Query evaluated. */
export type Meter = { calls: string[]; scanned: number };

export function meteredTable(tableName: string, meter: Meter): TenantTable {
  const client = testDataClient();
  const metered = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return async (command: { constructor: { name: string } }) => {
        meter.calls.push(command.constructor.name.replace(/Command$/, ''));
        const out = (await target.send(command as never)) as { ScannedCount?: number };
        meter.scanned += out.ScannedCount ?? 0;
        return out;
      };
    },
  }) as DynamoClient;
  return new TenantTable(metered, tableName);
}
