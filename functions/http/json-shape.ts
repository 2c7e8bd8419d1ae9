/**
 * Limits on the shape of a parsed request body, checked before any schema, store or forwarding code
 * walks it (issue #10, low findings). Nothing an OCPI or admin body legitimately holds comes near them:
 * - nesting deeper than 32 levels would make recursive code (validation, null stripping, marshalling)
 *   overflow the stack;
 * - the keys `__proto__`, `constructor` and `prototype` are never OCPI fields, and copying them with
 *   spreads or assignments changes an object's prototype;
 * - numbers beyond ±2^53 (or 1e999, which parses as Infinity) cannot be stored or compared exactly.
 */
export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonShapeProblem {
  /** Dotted path of the offending field (`body` for the document itself). */
  field: string;
  message: string;
}

/** The first shape problem of `value`, walking without recursion; undefined when it has none. */
export function jsonShapeProblem(value: unknown): JsonShapeProblem | undefined {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: item, path, depth } = next;
    if (typeof item === 'number' && !(Math.abs(item) <= Number.MAX_SAFE_INTEGER)) {
      return { field: path || 'body', message: `number out of range (at most ${Number.MAX_SAFE_INTEGER})` };
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      return { field: path || 'body', message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    }
    if (Array.isArray(item)) {
      for (let index = 0; index < item.length; index++)
        pending.push({ value: item[index], path: `${path}[${index}]`, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(item)) {
      const fieldPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { field: fieldPath, message: 'is a reserved name, not a field' };
      pending.push({ value: (item as Record<string, unknown>)[key], path: fieldPath, depth: depth + 1 });
    }
  }
  return undefined;
}
