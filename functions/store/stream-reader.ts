import {
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException as TableNotFoundException,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  type _Record as StreamsRecord,
  type AttributeValue as StreamsValue,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, AttributeValue as LambdaValue } from 'aws-lambda';
import { type DynamoClientOptions, sdkClientConfig } from './dynamo-client';

export interface StreamShard {
  shardId: string;
  parentShardId?: string;
  /** Present once the shard is closed: no record will be added after it. */
  endingSequenceNumber?: string;
}

/** Where to start reading a shard. */
export type ShardPosition = { after: string } | 'LATEST' | 'TRIM_HORIZON';

export interface ShardBatch {
  records: DynamoDBRecord[];
  /** Absent once a closed shard has been read to its end. */
  nextIterator?: string;
}

/** Iterators live 15 minutes; get a new one from the last position. */
export class StreamIteratorExpiredError extends Error {}
/** The position is older than the stream's 24-hour retention: those records are gone. */
export class StreamTrimmedError extends Error {}
/** The shard, the stream or the table no longer exists (e.g. the table was re-created). */
export class StreamGoneError extends Error {}

/** One table's DynamoDB stream, as the local poller sees it; tests substitute their own. */
export interface StreamSource {
  listShards(): Promise<StreamShard[]>;
  /** undefined when the shard has nothing left to read from that position. */
  iterator(shardId: string, position: ShardPosition): Promise<string | undefined>;
  read(iterator: string, limit: number): Promise<ShardBatch>;
  close(): void;
}

export function tableStreamSource(clientOptions: DynamoClientOptions, tableName: string): StreamSource {
  const config = sdkClientConfig(clientOptions);
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  let streamArn: string | undefined;

  async function currentStreamArn(): Promise<string> {
    if (streamArn) return streamArn;
    const { Table } = await translate(() => dynamo.send(new DescribeTableCommand({ TableName: tableName })));
    if (!Table?.LatestStreamArn) throw new StreamGoneError(`table ${tableName} has no stream`);
    streamArn = Table.LatestStreamArn;
    return streamArn;
  }

  /** A vanished stream means the table was re-created: look its stream up again next time. */
  async function withStream<T>(call: (arn: string) => Promise<T>): Promise<T> {
    try {
      return await translate(async () => call(await currentStreamArn()));
    } catch (err) {
      if (err instanceof StreamGoneError) streamArn = undefined;
      throw err;
    }
  }

  return {
    listShards: () =>
      withStream(async (arn) => {
        const shards: StreamShard[] = [];
        let startAfter: string | undefined;
        do {
          const { StreamDescription: page } = await streams.send(
            new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: startAfter }),
          );
          for (const shard of page?.Shards ?? []) {
            if (!shard.ShardId) continue;
            shards.push({
              shardId: shard.ShardId,
              parentShardId: shard.ParentShardId,
              endingSequenceNumber: shard.SequenceNumberRange?.EndingSequenceNumber,
            });
          }
          startAfter = page?.LastEvaluatedShardId;
        } while (startAfter);
        return shards;
      }),
    iterator: (shardId, position) =>
      withStream(async (arn) => {
        const where =
          typeof position === 'string'
            ? { ShardIteratorType: position }
            : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: position.after };
        const out = await streams.send(
          new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ...where }),
        );
        return out.ShardIterator ?? undefined;
      }),
    read: (iterator, limit) =>
      withStream(async (arn) => {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
        return {
          records: (out.Records ?? []).map((record) => toLambdaRecord(record, arn)),
          nextIterator: out.NextShardIterator ?? undefined,
        };
      }),
    close() {
      dynamo.destroy();
      streams.destroy();
    },
  };
}

async function translate<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ExpiredIteratorException) throw new StreamIteratorExpiredError(err.message);
    if (err instanceof TrimmedDataAccessException) throw new StreamTrimmedError(err.message);
    // DescribeTable (client-dynamodb) and the streams calls each throw their own not-found class.
    if (err instanceof ResourceNotFoundException || err instanceof TableNotFoundException) {
      throw new StreamGoneError(err.message);
    }
    throw err;
  }
}

/**
 * The shape Lambda hands a stream-triggered function (binary as base64, creation time in epoch
 * seconds, the stream ARN as eventSourceARN), so the delivery code runs unchanged in both modes.
 */
function toLambdaRecord(record: StreamsRecord, streamArn: string): DynamoDBRecord {
  const change = record.dynamodb;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
    dynamodb: change && {
      ApproximateCreationDateTime: change.ApproximateCreationDateTime
        ? Math.floor(change.ApproximateCreationDateTime.getTime() / 1000)
        : undefined,
      Keys: change.Keys && toLambdaImage(change.Keys),
      NewImage: change.NewImage && toLambdaImage(change.NewImage),
      OldImage: change.OldImage && toLambdaImage(change.OldImage),
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType,
    },
  };
}

function toLambdaImage(image: Record<string, StreamsValue>): Record<string, LambdaValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]));
}

function toLambdaValue(value: StreamsValue): LambdaValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  // The streams client reads an empty map (`{"M":{}}`) as a union with no member.
  if (Object.keys(value).length === 0) return { M: {} };
  throw new Error(`unknown attribute value type ${Object.keys(value).join(',')}`);
}
