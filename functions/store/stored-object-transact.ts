import {
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ConditionFailedError, StoreUnavailableError } from './store-errors';
import type { Condition, Item, Key, TenantTable, TransactOp } from './tenant-table';

/** Adds `delta` to a numeric attribute (created at 0 when absent): per-module object counters. */
export type CounterOp = { add: Key; attribute: string; delta: number };
export type CountedTransactOp = TransactOp | CounterOp;

const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;
/** Two transactions touching the same counter shard conflict; the loser retries after a short pause. */
const CONFLICT_ATTEMPTS = 5;

/**
 * `TenantTable.transact` plus counter increments. TenantTable's operations have no Update, and a
 * counter kept in the same transaction as the insert is the only way X-Total-Count stays exact without
 * scanning (digest §1.5). Kept here rather than in TenantTable to leave that shared file untouched.
 */
export async function transactWithCounters(table: TenantTable, ops: CountedTransactOp[]): Promise<void> {
  const items = ops.map((op) => toTransactItem(table.tableName, op));
  for (let attempt = 1; ; attempt++) {
    try {
      await table.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return;
    } catch (err) {
      if (err instanceof TransactionCanceledException) {
        const reasons = err.CancellationReasons ?? [];
        const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
        if (failed.length) throw new ConditionFailedError('transaction condition failed', failed);
        const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
        if (conflict && attempt < CONFLICT_ATTEMPTS) {
          await pause(attempt);
          continue;
        }
        throw new StoreUnavailableError(`transaction cancelled: ${reasons.map((r) => r.Code).join(',')}`);
      }
      if (err instanceof Error) throw new StoreUnavailableError(`store error: ${err.name}: ${err.message}`);
      throw new StoreUnavailableError('store error');
    }
  }
}

function pause(attempt: number): Promise<void> {
  const ms = 5 * 2 ** attempt + Math.floor(Math.random() * 10);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function toTransactItem(tableName: string, op: CountedTransactOp): TransactWriteItem {
  if ('add' in op) {
    return {
      Update: {
        TableName: tableName,
        Key: marshall(op.add),
        UpdateExpression: 'ADD #c :d',
        ExpressionAttributeNames: { '#c': op.attribute },
        ExpressionAttributeValues: marshall({ ':d': op.delta }),
      },
    };
  }
  if ('put' in op) {
    return {
      Put: {
        TableName: tableName,
        Item: marshall(op.put as Item, MARSHALL),
        ...conditionParams(op.condition),
      },
    };
  }
  if ('delete' in op) {
    return { Delete: { TableName: tableName, Key: marshall(op.delete), ...conditionParams(op.condition) } };
  }
  return {
    ConditionCheck: { TableName: tableName, Key: marshall(op.check), ...requiredCondition(op.condition) },
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
