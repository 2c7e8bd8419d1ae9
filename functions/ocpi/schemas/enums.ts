import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';

/** A closed enum: only the listed values (e.g. statuses whose meaning the hub acts on). */
export function closedEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return builtOnFirstUse(() => z.enum(values));
}

/**
 * Any value of an OpenEnum: printable ASCII without spaces, as every OCPI enum value is. The length bound
 * is ours (the spec gives none): it keeps a garbage value from being stored and broadcast.
 */
const OpenEnumValueSchema = builtOnFirstUse(
  () =>
    z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(255),
        z.regex(/^[\x21-\x7E]*$/, { message: 'must be printable ASCII without spaces (an enum value)' }),
      ) as z.ZodMiniType<string & {}, string>,
);

/**
 * An enum that OCPI 2.3.0 makes an OpenEnum (OCPI 2.3.0 types, OpenEnum / ocpi-notes §7): a value this hub
 * does not know yet (e.g. ConnectorType `MCS` from a 2.3.0 CPO) is accepted and passed on unchanged, so a
 * newer partner's data is not refused. `values` are the 2.2.1 values, kept for the type and for readers.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return builtOnFirstUse(() => z.union([z.enum(values), OpenEnumValueSchema]));
}
