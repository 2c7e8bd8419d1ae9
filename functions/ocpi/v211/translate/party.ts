import type { PartyRef } from '../../party';

/**
 * The party a 2.1.1 link stands for: the one of its flat credentials (ocpi-notes §6). Owner fields of
 * objects that arrive in 2.1.1 (which has none) come from it.
 */
export type Party = PartyRef;

/** Removes the keys whose value is undefined, so a translated PATCH names only the fields it changes. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) out[key] = field;
  }
  return out as T;
}
