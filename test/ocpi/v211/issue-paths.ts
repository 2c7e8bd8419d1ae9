import * as z from 'zod/mini';
import { formatIssuePath } from '../../../functions/ocpi/schemas/validate';

/** The field paths a schema (zod or zod/mini) rejects, sorted; an empty list means the value conforms. */
export function issuePaths(schema: z.core.$ZodType, value: unknown): string[] {
  const result = z.safeParse(schema, value);
  return result.success ? [] : result.error.issues.map((issue) => formatIssuePath(issue.path)).sort();
}
