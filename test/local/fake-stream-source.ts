import type { DynamoDBRecord } from 'aws-lambda';
import type {
  ShardBatch,
  ShardPosition,
  StreamShard,
  StreamSource,
} from '../../functions/store/stream-reader';

interface FakeShard {
  shardId: string;
  parentShardId?: string;
  closed: boolean;
  records: { sequenceNumber: string; sortKey: string }[];
}

/**
 * A stream whose shards the test closes and splits at will: DynamoDB Local rotates shards only after
 * hours, so rotation is simulated here. Iterators are `shardId|index of the next record`.
 */
export class FakeStreamSource implements StreamSource {
  private readonly shards: FakeShard[] = [];
  private nextSequence = 1;
  /** Lists children before their parents, as nothing in the DescribeStream contract forbids. */
  childrenFirst = false;

  addShard(shardId: string, parentShardId?: string): void {
    this.shards.push({ shardId, parentShardId, closed: false, records: [] });
  }

  append(shardId: string, ...sortKeys: string[]): void {
    const shard = this.shard(shardId);
    for (const sortKey of sortKeys)
      shard.records.push({ sequenceNumber: String(this.nextSequence++), sortKey });
  }

  closeShard(shardId: string): void {
    this.shard(shardId).closed = true;
  }

  async listShards(): Promise<StreamShard[]> {
    const listed = this.shards.map((s) => ({
      shardId: s.shardId,
      parentShardId: s.parentShardId,
      endingSequenceNumber: s.closed ? (s.records.at(-1)?.sequenceNumber ?? '0') : undefined,
    }));
    return this.childrenFirst ? listed.reverse() : listed;
  }

  async iterator(shardId: string, position: ShardPosition): Promise<string | undefined> {
    const { records } = this.shard(shardId);
    let index = 0;
    if (position === 'LATEST') index = records.length;
    else if (typeof position === 'object') {
      const after = BigInt(position.after);
      index = records.filter((r) => BigInt(r.sequenceNumber) <= after).length;
    }
    return `${shardId}|${index}`;
  }

  async read(iterator: string, limit: number): Promise<ShardBatch> {
    const [shardId = '', index = '0'] = iterator.split('|');
    const shard = this.shard(shardId);
    const from = Number(index);
    const slice = shard.records.slice(from, from + limit);
    const next = from + slice.length;
    return {
      records: slice.map((r) => toRecord(r.sequenceNumber, r.sortKey)),
      nextIterator: shard.closed && next >= shard.records.length ? undefined : `${shardId}|${next}`,
    };
  }

  close(): void {}

  private shard(shardId: string): FakeShard {
    const shard = this.shards.find((s) => s.shardId === shardId);
    if (!shard) throw new Error(`no shard ${shardId}`);
    return shard;
  }
}

function toRecord(sequenceNumber: string, sortKey: string): DynamoDBRecord {
  return {
    eventID: `event-${sequenceNumber}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: { Keys: { pk: { S: 'p' }, sk: { S: sortKey } }, SequenceNumber: sequenceNumber },
  };
}
