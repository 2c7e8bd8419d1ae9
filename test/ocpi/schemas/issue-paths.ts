import type { z } from 'zod';
import { schemaIssues } from '../../../functions/ocpi/schemas';

/** The field paths a schema rejects, sorted; an empty list means the value conforms. */
export function issuePaths(schema: z.ZodType, value: unknown): string[] {
  return schemaIssues(schema, value)
    .map((issue) => issue.fieldPath)
    .sort();
}
