import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Item } from './tenant-table';

/** One item change of a table stream, with plain-object images (the delivery code never sees SDK types). */
export interface TableChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  keys: Item;
  newImage?: Item;
  oldImage?: Item;
  sequenceNumber?: string;
}

type LambdaImage = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

function toItem(image: LambdaImage | undefined): Item | undefined {
  // Lambda's image type differs from the SDK's only for binary values, which the hub never stores.
  return image ? unmarshall(image as Record<string, AttributeValue>) : undefined;
}

export function readTableChange(record: DynamoDBRecord): TableChange | undefined {
  const change = record.dynamodb;
  if (!change || !record.eventName) return undefined;
  return {
    eventName: record.eventName,
    keys: toItem(change.Keys) ?? {},
    newImage: toItem(change.NewImage),
    oldImage: toItem(change.OldImage),
    sequenceNumber: change.SequenceNumber,
  };
}

/** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` -> `<name>`. */
export function tableNameOfStreamArn(arn: string | undefined): string | undefined {
  return arn ? /:table\/([^/]+)\/stream\//.exec(arn)?.[1] : undefined;
}

/**
 * Lambda event filter patterns (EventBridge pattern syntax over the stream record) for the changes
 * the delivery function acts on: a new outbox message, a replay queued by an operator, a party whose
 * status may have changed (HubClientInfo). Everything else the table writes, the pipeline's own
 * bookkeeping included (ledger, fan-out state, lanes, leases), never invokes it (issue #13).
 */
export const DELIVERY_STREAM_FILTER_PATTERNS: readonly object[] = [
  { eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [{ prefix: 'MSG#' }] } } } },
  {
    eventName: ['INSERT'],
    dynamodb: {
      Keys: { sk: { S: [{ prefix: 'LANE#' }] } },
      NewImage: { replay_of: { S: [{ exists: true }] } },
    },
  },
  { dynamodb: { Keys: { pk: { S: [{ prefix: 'PARTY#' }] } } } },
];
