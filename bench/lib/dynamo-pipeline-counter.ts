import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoClient } from '../../functions/store/dynamo-api';

/** What the whole process sent to DynamoDB between two snapshots. */
export interface PipelineCounts {
  /** Requests by label (`PutItem`, `TransactWriteItems`, `Query`, `GetRecords`...). */
  calls: Record<string, number>;
  /** Items written: 1 per Put/Update/Delete, one per element of a transaction or batch. */
  writeItems: number;
  writeCalls: number;
  /** GetItem, Query, Scan, BatchGetItem, TransactGetItems. */
  readCalls: number;
  /** DescribeStream/GetShardIterator/GetRecords: free when Lambda reads the stream, counted apart. */
  streamCalls: number;
  /** Items written by key shape (`OUTBOX#/LANE#`, `LOC#/LOC`...): where the writes go. */
  writesByKey: Record<string, number>;
  /** Capacity units DynamoDB (Local) reported consumed, table and indexes. */
  writeUnits: number;
  readUnits: number;
}

export interface PipelineCounter {
  /** Counts since the counter started or since the last `reset`. */
  snapshot(): PipelineCounts;
  reset(): void;
  stop(): void;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const STREAMS = new Set(['DescribeStream', 'GetShardIterator', 'GetRecords', 'ListStreams']);

type Sendable = { send: (command: object, ...rest: unknown[]) => Promise<unknown> };
type CommandInput = {
  TransactItems?: unknown[];
  RequestItems?: Record<string, unknown[]>;
  ReturnConsumedCapacity?: string;
};
type Consumed = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

type KeyAttr = { S?: string };
type Keyed = { Key?: { pk?: KeyAttr; sk?: KeyAttr }; Item?: { pk?: KeyAttr; sk?: KeyAttr } };

/** `OUTBOX#/LANE#` for pk `OUTBOX#locations:...`, sk `LANE#NL*E01*EMSP#...`. */
function keyShape(op: Keyed | undefined): string {
  const key = op?.Key ?? op?.Item;
  const part = (v: KeyAttr | undefined) => (v?.S ?? '?').replace(/^([A-Z_]+#?).*$/s, '$1');
  return `${part(key?.pk)}/${part(key?.sk)}`;
}

function writtenKeys(name: string, input: CommandInput & Keyed): string[] {
  if (name === 'TransactWriteItems')
    return (input.TransactItems ?? []).map((t) => keyShape(Object.values(t as object)[0] as Keyed));
  if (name === 'BatchWriteItem')
    return Object.values(input.RequestItems ?? {}).flatMap((list) =>
      list.map((r) => keyShape(Object.values(r as object)[0] as Keyed)),
    );
  return [keyShape(input)];
}

/**
 * Counts every request any DynamoDB or DynamoDB Streams client of this process sends (request
 * handlers, stream poller, delivery worker, scheduled jobs), by patching the clients' `send`: the
 * SDK's (tables, streams) and the hub's own data client (functions/store/dynamo-api.ts). Data
 * calls ask for their consumed capacity (table and indexes), which DynamoDB Local reports like
 * DynamoDB, so the cost model can price them.
 */
export function countPipelineCalls(): PipelineCounter {
  let counts = empty();
  const patched: Array<[Sendable, Sendable['send']]> = [];
  for (const proto of [
    DynamoDBClient.prototype,
    DynamoDBStreamsClient.prototype,
    DynamoClient.prototype,
  ] as unknown as Sendable[]) {
    const original = proto.send;
    patched.push([proto, original]);
    proto.send = async function (this: Sendable, command: object, ...rest: unknown[]) {
      const name = command.constructor.name.replace(/Command$/, '');
      const input = (command as { input?: CommandInput & Keyed }).input ?? {};
      const c = counts;
      c.calls[name] = (c.calls[name] ?? 0) + 1;
      const isWrite = WRITES.has(name);
      const isRead = READS.has(name);
      if (isWrite) {
        c.writeCalls += 1;
        for (const key of writtenKeys(name, input)) {
          c.writeItems += 1;
          c.writesByKey[key] = (c.writesByKey[key] ?? 0) + 1;
        }
      } else if (isRead) c.readCalls += 1;
      else if (STREAMS.has(name)) c.streamCalls += 1;
      if (isWrite || isRead) input.ReturnConsumedCapacity ??= 'INDEXES';
      const out = (await original.call(this, command, ...rest)) as {
        ConsumedCapacity?: Consumed | Consumed[];
      };
      const consumed = out?.ConsumedCapacity;
      for (const unit of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        if (isWrite) c.writeUnits += unit.WriteCapacityUnits ?? unit.CapacityUnits ?? 0;
        else c.readUnits += unit.ReadCapacityUnits ?? unit.CapacityUnits ?? 0;
      }
      return out;
    };
  }
  return {
    snapshot: () => structuredClone(counts),
    reset() {
      counts = empty();
    },
    stop() {
      for (const [proto, original] of patched) proto.send = original;
    },
  };
}

function empty(): PipelineCounts {
  return {
    calls: {},
    writeItems: 0,
    writesByKey: {},
    writeCalls: 0,
    readCalls: 0,
    streamCalls: 0,
    writeUnits: 0,
    readUnits: 0,
  };
}

/** Counts divided by `n` (e.g. per PATCH), rounded to 0.1. */
export function perUnit(c: PipelineCounts, n: number) {
  const r = (x: number) => Math.round((x / n) * 10) / 10;
  return {
    writeItems: r(c.writeItems),
    writeCalls: r(c.writeCalls),
    readCalls: r(c.readCalls),
    writeUnits: r(c.writeUnits),
    readUnits: r(c.readUnits),
    streamCalls: r(c.streamCalls),
    calls: Object.fromEntries(Object.entries(c.calls).map(([k, v]) => [k, r(v)])),
    writesByKey: Object.fromEntries(Object.entries(c.writesByKey).map(([k, v]) => [k, r(v)])),
  };
}
