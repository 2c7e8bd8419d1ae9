import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini ships without messages ("Invalid input" for everything), so the English locale is installed
 * once for the process, plus two OCPI-friendly overrides that every parse gets, whether it goes through
 * validate.ts or calls `safeParse` directly: a missing field "is required" and a null where a value is due
 * "must not be null". Messages never echo the input value, which may be a token.
 */
const MISSING_FIELD_CODES = new Set(['invalid_type', 'invalid_value', 'invalid_union']);

const ocpiMessages: z.core.$ZodErrorMap = (issue) => {
  if (!MISSING_FIELD_CODES.has(issue.code ?? '')) return undefined;
  if (issue.input === undefined) return 'is required';
  if (issue.input === null) return 'must not be null';
  return undefined;
};

z.config({ ...en(), customError: ocpiMessages });
