/**
 * JSON `null` where a field is optional means "absent" (ocpi-notes §1.6): many real OCPI libraries write
 * every absent optional field as `null`. The hub reads such fields as absent, and what it stores and sends
 * on carries no `null`s.
 */

/** What a parse met that the spec does not have: counted for the partner's leniency telemetry. */
export interface ReadingNotes {
  /** JSON nulls read as absent. */
  nulls: number;
  /** Objects carrying fields their OCPI type does not define. */
  unknownFields: number;
}

let observed: ReadingNotes | undefined;

/**
 * Runs a synchronous parse and returns what it met besides its result (schemas parse synchronously, so
 * one slot is enough; a nested call restores the outer one).
 */
export function observeReading<T>(parse: () => T): { result: T; notes: ReadingNotes } {
  const outer = observed;
  const notes: ReadingNotes = { nulls: 0, unknownFields: 0 };
  observed = notes;
  try {
    return { result: parse(), notes };
  } finally {
    observed = outer;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets a field as JSON.parse does: a field named `__proto__` stays a field. */
function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A copy of `value` without `null`s: object fields holding `null` are dropped, at any depth, and so are
 * `null` items of lists. Returns `value` itself when it holds no `null` (the common case costs no copy).
 * Use it for data no schema describes (unknown fields), or to normalize a raw body before storing or
 * forwarding it; a parse with an OCPI schema already returns its object normalized.
 */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const normalized = withoutNulls(item);
      if (copy === undefined && (item === null || normalized !== item)) copy = value.slice(0, index);
      if (copy !== undefined && item !== null) copy.push(normalized);
    });
    return (copy ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    const normalized = withoutNulls(field);
    if (copy === undefined && (field === null || normalized !== field)) copy = { ...value };
    if (copy === undefined) continue;
    if (field === null) delete copy[key];
    else setField(copy, key, normalized);
  }
  return (copy ?? value) as T;
}

/**
 * The input of one OCPI object before its schema checks it: a `null` in a field that is not required
 * (`requiredFields`) is removed, unknown fields lose their nested `null`s too. A `null` in a required
 * field stays, so the schema refuses it naming the field ("must not be null"). Anything but an object is
 * returned as it is, for the schema to refuse.
 */
export function dropAbsentNulls(
  input: unknown,
  knownFields: ReadonlySet<string>,
  requiredFields: ReadonlySet<string>,
) {
  if (!isPlainObject(input)) return input;
  let copy: Record<string, unknown> | undefined;
  let unknown = false;
  for (const [key, field] of Object.entries(input)) {
    if (observed && field === null) observed.nulls++;
    if (!knownFields.has(key)) unknown = true;
    let replacement: unknown = field;
    if (field === null) {
      if (requiredFields.has(key)) continue;
      replacement = undefined;
    } else if (!knownFields.has(key)) {
      replacement = withoutNulls(field);
    }
    if (replacement === field) continue;
    copy ??= { ...input };
    if (replacement === undefined) delete copy[key];
    else setField(copy, key, replacement);
  }
  if (observed && unknown) observed.unknownFields++;
  return copy ?? input;
}

/**
 * The text to store or send on for a body parsed from `text` as `value`: the text itself when the body
 * holds no `null` (forwarded byte for byte), else the body re-serialized without its `null`s, so no
 * partner downstream receives a `null` a sloppy sender wrote (ocpi-notes §1.6).
 */
export function nullFreeText(value: unknown, text: string): string {
  const normalized = withoutNulls(value);
  return normalized === value ? text : JSON.stringify(normalized);
}
