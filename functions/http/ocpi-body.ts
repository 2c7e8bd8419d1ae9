import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { InvalidJsonError, InvalidParametersError, PayloadTooLargeError } from '../ocpi/errors';
import { readJson } from './json-body';

/** Reads the body as JSON: over 1 MB -> 413, not JSON -> HTTP 400; both with the envelope (ocpi-notes §1.4). */
export async function readJsonBody(c: Context): Promise<unknown> {
  const body = await readJson(c);
  if (body.ok) return body.value;
  if (body.problem === 'too_large') throw new PayloadTooLargeError(body.message);
  throw new InvalidJsonError(body.message);
}

/** Reads and validates the body; a schema failure is 2001 naming the field path. */
export async function readValidBody<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJsonBody(c));
  if (!parsed.success) throw InvalidParametersError.fromZod(parsed.error);
  return parsed.data;
}
