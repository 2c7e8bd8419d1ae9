import { TransactionConflictError } from './store-errors';
import type { TenantTable, TransactOp } from './tenant-table';

/** Two transactions touching the same counter shard conflict; the loser retries after a short pause. */
const CONFLICT_ATTEMPTS = 5;

/**
 * `TenantTable.transact`, retried when it loses a race on a counter shard. The per-module object counter
 * is kept in the same transaction as the insert, the only way X-Total-Count stays exact without scanning
 * (ocpi-notes §1.5), so every create/delete of a module touches one of a few shared items.
 */
export async function transactWithCounters(table: TenantTable, ops: TransactOp[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await table.transact(ops);
      return;
    } catch (err) {
      if (!(err instanceof TransactionConflictError) || attempt >= CONFLICT_ATTEMPTS) throw err;
      await pause(attempt);
    }
  }
}

function pause(attempt: number): Promise<void> {
  const ms = 5 * 2 ** attempt + Math.floor(Math.random() * 10);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
