import type * as z from 'zod/mini';
import { schemaIssues } from '../../../functions/ocpi/schemas';

/** The field paths a schema rejects, sorted; an empty list means the value conforms. */
export function issuePaths(schema: z.core.$ZodType, value: unknown): string[] {
  return schemaIssues(schema, value)
    .map((issue) => issue.fieldPath)
    .sort();
}
