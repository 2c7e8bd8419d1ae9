/** Domain errors the store raises instead of SDK exceptions, so callers never inspect SDK types. */
class StoreError extends Error {}

/** A conditional write lost: the item exists, is newer, or was changed concurrently. */
export class ConditionFailedError extends StoreError {
  constructor(
    message: string,
    /** For transactions: which operations' conditions failed (by index). */
    readonly failedIndexes: number[] = [],
    /** By operation index, the stored item of each operation that asked for it (`returnOnFailure`). */
    readonly storedItems: Array<Record<string, unknown> | undefined> = [],
  ) {
    super(message);
  }
}

/** The store could not be reached or answered with an unexpected error. */
export class StoreUnavailableError extends StoreError {}

/** A transaction lost to a concurrent one touching the same item; worth retrying after a pause. */
export class TransactionConflictError extends StoreUnavailableError {}
