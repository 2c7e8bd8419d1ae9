import * as z from 'zod/mini';
import { formatIssuePath } from '../../schemas/validate';
import { type TargetVersion, UntranslatableError } from './untranslatable';

/**
 * The last step of every translation: the result must be a valid object of the target version. What the
 * field mappings cannot catch (a 37-character id toward 2.2.1, a non-ASCII id into a CiString, a length
 * the other version does not allow) is reported here as an UntranslatableError at the first offending
 * field, instead of handing an invalid object on.
 */
export function checked<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  targetVersion: TargetVersion,
): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const path = first === undefined ? '' : formatIssuePath(first.path);
  throw new UntranslatableError(targetVersion, path, first?.message ?? 'invalid');
}
