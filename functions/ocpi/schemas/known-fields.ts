import type * as z from 'zod/mini';

type Def = { type: string; getter?: () => z.core.$ZodType; out?: z.core.$ZodType; shape?: object };

const cache = new WeakMap<object, ReadonlySet<string>>();

/**
 * The fields an OCPI object schema (`ocpiObject`, objects.ts: a lazy pipe into a loose object) defines at
 * its top level, for a cheap look at data the hub relays without parsing (leniency telemetry, issue #11).
 * Built on first use and kept; a schema of another shape gives the empty set.
 */
export function knownFieldsOf(schema: z.core.$ZodType): ReadonlySet<string> {
  const cached = cache.get(schema);
  if (cached) return cached;
  let current: z.core.$ZodType | undefined = schema;
  let def = current._zod.def as Def;
  if (def.type === 'lazy' && def.getter) current = def.getter();
  def = current._zod.def as Def;
  if (def.type === 'pipe' && def.out) current = def.out;
  def = current._zod.def as Def;
  const fields = new Set(Object.keys(def.type === 'object' && def.shape ? def.shape : {}));
  cache.set(schema, fields);
  return fields;
}
