import type { Context } from 'hono';

/** Request bodies above this are refused (issue #2; API Gateway's own limit is 10 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;

export type JsonBody =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'too_large' | 'empty' | 'invalid_json'; message: string };

/** Reads a JSON body within the size cap; each app maps the problems to its own error shape. */
export async function readJson(c: Context): Promise<JsonBody> {
  const tooLarge = {
    ok: false,
    problem: 'too_large',
    message: `request body over ${MAX_BODY_BYTES} bytes`,
  } as const;
  if (Number(c.req.header('Content-Length') ?? '0') > MAX_BODY_BYTES) return tooLarge;
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return tooLarge;
  if (text.trim() === '')
    return { ok: false, problem: 'empty', message: 'request body is empty; a JSON body is required' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: 'invalid_json', message: 'request body is not valid JSON' };
  }
}
