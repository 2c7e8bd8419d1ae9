import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from './dynamo-api';
import { ConditionFailedError, StoreUnavailableError, TransactionConflictError } from './store-errors';
import type { IndexName } from './table-schema';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };

/** A condition expression with its placeholders, e.g. `attribute_not_exists(pk)`. */
export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Item;
}

export interface QueryInput {
  index?: IndexName;
  /** Partition key value (pk, or gsiNpk for an index). */
  partition: string;
  /** Sort-key restriction. */
  sort?: { beginsWith: string } | { between: [string, string] } | { gte: string } | { lt: string };
  limit?: number;
  startKey?: Item;
  descending?: boolean;
  consistent?: boolean;
  /** Only count matches; items is empty. */
  countOnly?: boolean;
  /** Read only these attributes (e.g. the sort key when skipping to an offset). */
  projection?: string[];
}

/** `returnOnFailure`: a failed condition hands back the stored item (ConditionFailedError.storedItems). */
export type TransactOp = (
  | { put: object; condition?: Condition }
  | { delete: Key; condition?: Condition }
  | { check: Key; condition: Condition }
  /** Sets attributes (undefined values remove them) and adds to numeric ones (created at 0 when absent). */
  | { update: Key; set?: Item; add?: Record<string, number>; condition?: Condition }
) & { returnOnFailure?: boolean };

const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;

/**
 * One tenant's table. Code receives it once per request from `TenantStores.forTenant`, so a tenant
 * id never travels further down than this object (docs/architecture.md "Code layout").
 */
export class TenantTable {
  constructor(
    readonly client: DynamoClient,
    readonly tableName: string,
  ) {}

  async get<T extends object>(key: Key, consistent = true): Promise<T | undefined> {
    const out = await this.guard(() =>
      this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: marshall(key), ConsistentRead: consistent }),
      ),
    );
    return out.Item ? (unmarshall(out.Item) as T) : undefined;
  }

  /** Up to 100 items by key in one call (more calls only for keys DynamoDB leaves unprocessed). */
  async batchGet<T extends object>(keys: Key[], consistent = true): Promise<T[]> {
    const found: T[] = [];
    let pending: Record<string, unknown>[] = keys.map((k) => marshall(k));
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * 2 ** round)));
      const out = await this.guard(() =>
        this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: pending as never, ConsistentRead: consistent } },
          }),
        ),
      );
      for (const item of out.Responses?.[this.tableName] ?? []) found.push(unmarshall(item) as T);
      pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
    return found;
  }

  /**
   * Puts up to 25 items in one BatchWriteItem, unconditionally and not atomically (more calls only for
   * items DynamoDB leaves unprocessed): for bulk imports into a table nobody else writes yet.
   */
  async batchPut(items: object[]): Promise<void> {
    let pending = items.map((item) => ({ PutRequest: { Item: marshall(item as Item, MARSHALL) } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * 2 ** round)));
      const out = await this.guard(() =>
        this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending as never } })),
      );
      pending = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
    }
  }

  async put(item: object, condition?: Condition): Promise<void> {
    await this.guard(() =>
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(item as Item, MARSHALL),
          ...conditionParams(condition),
        }),
      ),
    );
  }

  /** Sets the given attributes (undefined values remove them) under an optional condition. */
  async update(key: Key, set: Item, condition?: Condition): Promise<Item> {
    const out = await this.guard(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall(key),
          ...updateParams(set, {}, condition),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out.Attributes ? unmarshall(out.Attributes) : {};
  }

  async delete(key: Key, condition?: Condition): Promise<void> {
    await this.guard(() =>
      this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall(key),
          ...conditionParams(condition),
        }),
      ),
    );
  }

  async query<T extends object>(input: QueryInput): Promise<{ items: T[]; count: number; lastKey?: Item }> {
    const pkName = input.index ? `${input.index}pk` : 'pk';
    const skName = input.index ? `${input.index}sk` : 'sk';
    const values: Item = { ':p': input.partition };
    let keyCondition = '#p = :p';
    const names: Record<string, string> = { '#p': pkName };
    input.projection?.forEach((attr, i) => {
      names[`#q${i}`] = attr;
    });
    const s = input.sort;
    if (s) {
      names['#s'] = skName;
      if ('beginsWith' in s) {
        keyCondition += ' AND begins_with(#s, :s0)';
        values[':s0'] = s.beginsWith;
      } else if ('between' in s) {
        keyCondition += ' AND #s BETWEEN :s0 AND :s1';
        values[':s0'] = s.between[0];
        values[':s1'] = s.between[1];
      } else if ('gte' in s) {
        keyCondition += ' AND #s >= :s0';
        values[':s0'] = s.gte;
      } else {
        keyCondition += ' AND #s < :s0';
        values[':s0'] = s.lt;
      }
    }
    const out = await this.guard(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: input.index,
          KeyConditionExpression: keyCondition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall(values),
          Limit: input.limit,
          ExclusiveStartKey: input.startKey ? marshall(input.startKey) : undefined,
          ScanIndexForward: !input.descending,
          ConsistentRead: input.index ? undefined : input.consistent,
          Select: input.countOnly ? 'COUNT' : undefined,
          ProjectionExpression: input.projection?.map((_, i) => `#q${i}`).join(', '),
        }),
      ),
    );
    return {
      items: (out.Items ?? []).map((i) => unmarshall(i) as T),
      count: out.Count ?? 0,
      lastKey: out.LastEvaluatedKey ? unmarshall(out.LastEvaluatedKey) : undefined,
    };
  }

  /** Writes that must not be lost together (stored object + outbox item) go in one transaction. */
  async transact(ops: TransactOp[]): Promise<void> {
    const items: TransactWriteItem[] = ops.map((op) => {
      const onFailure = op.returnOnFailure ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {};
      if ('put' in op)
        return {
          Put: {
            TableName: this.tableName,
            Item: marshall(op.put as Item, MARSHALL),
            ...conditionParams(op.condition),
            ...onFailure,
          },
        };
      if ('delete' in op)
        return {
          Delete: {
            TableName: this.tableName,
            Key: marshall(op.delete),
            ...conditionParams(op.condition),
            ...onFailure,
          },
        };
      if ('update' in op)
        return {
          Update: {
            TableName: this.tableName,
            Key: marshall(op.update),
            ...updateParams(op.set ?? {}, op.add ?? {}, op.condition),
            ...onFailure,
          },
        };
      return {
        ConditionCheck: {
          TableName: this.tableName,
          Key: marshall(op.check),
          ...requiredCondition(op.condition),
          ...onFailure,
        },
      };
    });
    await this.guard(() => this.client.send(new TransactWriteItemsCommand({ TransactItems: items })));
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw translateError(err);
    }
  }
}

/** SET/REMOVE/ADD clauses with placeholders that cannot collide with the condition's own. */
function updateParams(set: Item, add: Record<string, number>, condition?: Condition) {
  const names: Record<string, string> = { ...condition?.names };
  const values: Item = { ...condition?.values };
  const sets: string[] = [];
  const removes: string[] = [];
  const adds: string[] = [];
  Object.entries(set).forEach(([attr, value], i) => {
    names[`#u${i}`] = attr;
    if (value === undefined) removes.push(`#u${i}`);
    else {
      values[`:u${i}`] = value;
      sets.push(`#u${i} = :u${i}`);
    }
  });
  Object.entries(add).forEach(([attr, delta], i) => {
    names[`#a${i}`] = attr;
    values[`:a${i}`] = delta;
    adds.push(`#a${i} :a${i}`);
  });
  const expression = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
    adds.length ? `ADD ${adds.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    UpdateExpression: expression,
    ConditionExpression: condition?.expression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: Object.keys(values).length ? marshall(values, MARSHALL) : undefined,
  };
}

function conditionParams(condition?: Condition) {
  if (!condition) return {};
  return requiredCondition(condition);
}

function requiredCondition(condition: Condition) {
  return {
    ConditionExpression: condition.expression,
    ExpressionAttributeNames: condition.names,
    ExpressionAttributeValues: condition.values ? marshall(condition.values, MARSHALL) : undefined,
  };
}

function translateError(err: unknown): Error {
  if (err instanceof ConditionalCheckFailedException)
    return new ConditionFailedError(
      'condition failed',
      [],
      [err.Item ? unmarshall(err.Item as never) : undefined],
    );
  if (err instanceof TransactionCanceledException) {
    const reasons = err.CancellationReasons ?? [];
    const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
    const stored = reasons.map((r) => (r.Item ? unmarshall(r.Item) : undefined));
    if (failed.length) return new ConditionFailedError('transaction condition failed', failed, stored);
    const message = `transaction cancelled: ${reasons.map((r) => r.Code).join(',')}`;
    if (reasons.some((r) => r.Code === 'TransactionConflict')) return new TransactionConflictError(message);
    return new StoreUnavailableError(message);
  }
  if (err instanceof Error) return new StoreUnavailableError(`store error: ${err.message}`);
  return new StoreUnavailableError('store error');
}
