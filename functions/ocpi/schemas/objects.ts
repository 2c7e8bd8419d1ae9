import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';
import { dropAbsentNulls } from './nulls';
import { DateTimeSchema } from './primitives';

/** A list that must hold at least one item (`+` cardinality in the spec tables). */
export function nonEmptyList<T extends z.core.SomeType>(item: T) {
  return z.array(item).check(z.minLength(1));
}

type LooseObject<S extends z.core.$ZodLooseShape> = z.ZodMiniObject<S, z.core.$loose>;

/** `object`, reading a JSON `null` in any field that is not required as absent (nulls.ts). */
function nullsAsAbsent<S extends z.core.$ZodLooseShape>(object: LooseObject<S>) {
  const shape: z.core.$ZodLooseShape = object._zod.def.shape;
  const known = new Set(Object.keys(shape));
  // `optout`, not `optin`: a nested OCPI object starts with a transform, which zod counts as optional input.
  const required = new Set([...known].filter((key) => shape[key]?._zod.optout !== 'optional'));
  return z.pipe(
    z.transform((input: unknown) => dropAbsentNulls(input, known, required)),
    object,
  );
}

/**
 * An OCPI object. Loose: unknown fields are kept (2.3.0 forbids rejecting them; ocpi-notes §1.6). A
 * `null` in an optional or unknown field is read as absent, a `null` in a required field is refused
 * naming it, and the parsed object carries no `null` (nulls.ts).
 * `fields` is a function so that nothing is built at import: a Lambda's cold start pays only for the
 * schemas its first request parses (the object is built on its first parse, then kept).
 */
export function ocpiObject<const S extends z.core.$ZodLooseShape>(fields: () => S) {
  return builtOnFirstUse(() => z.lazy(() => nullsAsAbsent(z.looseObject(fields()))));
}

/**
 * The PATCH form of an object (transport §4.1.2 / ocpi-notes §1.7): any subset of `fields`, but
 * `last_updated` is mandatory (2.2+). Nested objects (e.g. a full `evses` list) are still validated in full.
 */
export function ocpiPatch<const S extends z.core.$ZodLooseShape>(fields: () => S) {
  return builtOnFirstUse(() =>
    z.lazy(() =>
      nullsAsAbsent(z.extend(z.partial(z.looseObject(fields())), { last_updated: DateTimeSchema })),
    ),
  );
}
