import * as z from 'zod/mini';

/** One schema failure, with its path in `evses[0].connectors[1].max_voltage` form. */
export interface SchemaIssue {
  readonly fieldPath: string;
  readonly message: string;
}

/**
 * Raised by parseOrThrow when a payload does not match its OCPI schema. It names the first offending
 * field (`fieldPath`) in its message, so the HTTP layer can answer OCPI 2001 "invalid or missing
 * parameters" naming that field (transport §5 / ocpi-notes §1.4). Messages never echo the input value,
 * which may be a token.
 */
export class SchemaValidationError extends Error {
  readonly fieldPath: string;
  readonly issues: readonly SchemaIssue[];

  constructor(what: string, issues: readonly SchemaIssue[]) {
    const first = issues[0] ?? { fieldPath: '', message: 'is invalid' };
    const where = first.fieldPath === '' ? what : `${what}.${first.fieldPath}`;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`Invalid ${where}: ${first.message}${more}`);
    this.name = 'SchemaValidationError';
    this.fieldPath = first.fieldPath;
    this.issues = issues;
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Turns a zod issue path into `evses[0].connectors[1].max_voltage`; the root is the empty string. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let formatted = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      formatted += `[${segment}]`;
    } else if (typeof segment === 'string' && IDENTIFIER.test(segment)) {
      formatted += formatted === '' ? segment : `.${segment}`;
    } else {
      formatted += `[${JSON.stringify(String(segment))}]`;
    }
  }
  return formatted;
}

function toSchemaIssues(error: z.core.$ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({ fieldPath: formatIssuePath(issue.path), message: issue.message }));
}

/** All failures of `value` against `schema`, or an empty list when it conforms. */
export function schemaIssues(schema: z.core.$ZodType, value: unknown): SchemaIssue[] {
  const result = z.safeParse(schema, value);
  return result.success ? [] : toSchemaIssues(result.error);
}

/**
 * Parses `value` with `schema` and returns the parsed value (unknown fields kept), or throws a
 * SchemaValidationError. `what` names the object in the message, e.g. `Location` or `EVSE`.
 */
export function parseOrThrow<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw new SchemaValidationError(what, toSchemaIssues(result.error));
}
