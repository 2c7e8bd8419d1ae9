/** What a write expects to replace: the object at this revision and last_updated (stored-object.repository). */
export interface StoredState {
  rev: number;
  lastUpdatedMs: number;
  createdAt: string;
}

/**
 * The state (revision, last_updated, creation time) of objects this process recently wrote or read,
 * process-wide and bounded: a PUT of a whole object expects this state instead of reading it first,
 * so a push that follows one handled by the same process is one transaction. It is only a guess: the
 * write is conditional on the revision, and a wrong guess comes back with the stored item.
 */
const CAPACITY = 20_000;
const states = new Map<string, StoredState>();

const idOf = (table: string, module: string, key: string) => `${table}|${module}|${key}`;

export function rememberedState(table: string, module: string, key: string): StoredState | undefined {
  return states.get(idOf(table, module, key));
}

export function rememberState(table: string, module: string, key: string, state: StoredState): void {
  const id = idOf(table, module, key);
  states.delete(id);
  states.set(id, { rev: state.rev, lastUpdatedMs: state.lastUpdatedMs, createdAt: state.createdAt });
  // Oldest first in insertion order: evict from the front.
  if (states.size > CAPACITY) states.delete(states.keys().next().value as string);
}

export function forgetState(table: string, module: string, key: string): void {
  states.delete(idOf(table, module, key));
}

/** Forgets every state, as a fresh process starts (tests of the paths a new Lambda instance takes). */
export function forgetAllStates(): void {
  states.clear();
}
