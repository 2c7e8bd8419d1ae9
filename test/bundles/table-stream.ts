import type { DynamoDBRecord } from 'aws-lambda';
import { tableStreamSource } from '../../functions/store/stream-reader';
import { matchesEventPattern } from '../support/event-filter';
import type { SynthesizedBundles } from './synth-bundles';

export interface TableStream {
  /** Every record written to the stream since the last call (from the table's first change on). */
  next(): Promise<DynamoDBRecord[]>;
  close(): void;
}

/**
 * Reads a tenant table's DynamoDB Local stream as Lambda's event source mapping would, with the
 * records in the shape Lambda hands the function (`eventSourceARN` naming the table's stream).
 */
export function tableStream(endpoint: string, tableName: string): TableStream {
  const source = tableStreamSource({ endpoint }, tableName);
  const iterators = new Map<string, string | undefined>();
  return {
    async next() {
      const records: DynamoDBRecord[] = [];
      for (const shard of await source.listShards()) {
        let iterator = iterators.has(shard.shardId)
          ? iterators.get(shard.shardId)
          : await source.iterator(shard.shardId, 'TRIM_HORIZON');
        while (iterator) {
          const batch = await source.read(iterator, 1_000);
          records.push(...batch.records);
          iterator = batch.nextIterator;
          iterators.set(shard.shardId, iterator);
          if (batch.records.length === 0) break;
        }
      }
      return records;
    },
    close: () => source.close(),
  };
}

/** What a table stream's event source mapping in the template hands its function, and in what batches. */
export interface StreamMapping {
  readonly filterPatterns: readonly unknown[];
  readonly batchSize: number;
}

/** The event source mapping of the first tenant table's stream (every tenant's mapping is alike). */
export function streamMappingOf(template: SynthesizedBundles['template']): StreamMapping {
  const mapping = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping');
  if (!mapping) throw new Error('no event source mapping in the template');
  const props = mapping.Properties as {
    BatchSize?: number;
    FilterCriteria?: { Filters?: { Pattern: string }[] };
  };
  return {
    filterPatterns: (props.FilterCriteria?.Filters ?? []).map((f) => JSON.parse(f.Pattern) as unknown),
    batchSize: props.BatchSize ?? 100,
  };
}

/** The mapping's batches: the records its filter criteria let through (none at all: no invocation). */
export function mappedBatches(
  mapping: StreamMapping,
  records: readonly DynamoDBRecord[],
): DynamoDBRecord[][] {
  const passing = records.filter(
    (record) =>
      mapping.filterPatterns.length === 0 ||
      mapping.filterPatterns.some((pattern) => matchesEventPattern(pattern, record)),
  );
  const batches: DynamoDBRecord[][] = [];
  for (let i = 0; i < passing.length; i += mapping.batchSize)
    batches.push(passing.slice(i, i + mapping.batchSize));
  return batches;
}
