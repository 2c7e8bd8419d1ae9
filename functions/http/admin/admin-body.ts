import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { readJson } from '../request-body';
import { AdminError } from './admin-errors';

export async function readAdminBody<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.infer<S>> {
  const body = await readJson(c);
  if (!body.ok && body.problem === 'invalid_shape')
    throw new AdminError(400, 'invalid_request', `${body.field}: ${body.message}`);
  if (!body.ok) throw new AdminError(body.problem === 'too_large' ? 413 : 400, body.problem, body.message);
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) throw AdminError.validation(parsed.error);
  return parsed.data;
}
