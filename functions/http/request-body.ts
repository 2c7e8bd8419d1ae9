import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { jsonShapeProblem } from './json-shape';

/** Request bodies above this are refused (issue #2; API Gateway's own limit is 10 MB). */
const MAX_BODY_BYTES = 1024 * 1024;

const BODY_TOO_LARGE_MESSAGE = `request body over ${MAX_BODY_BYTES} bytes`;

/**
 * Enforces the cap while the body streams in: a Content-Length over it is refused at once, and a body
 * without one (chunked) is read only until it passes the cap, so memory stays bounded whatever the
 * sender streams (issue #10, finding 5). Each app turns the refusal into its own error shape.
 */
export function bodySizeCap(tooLarge: (message: string) => Error): MiddlewareHandler {
  const streamed = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw tooLarge(BODY_TOO_LARGE_MESSAGE);
    },
  });
  return async function bodySizeCapMiddleware(c, next) {
    // GET and HEAD carry no body (the Fetch API's Request refuses one); asking for it would still make
    // @hono/node-server build a whole web Request per request (issue #14: the routed GET's hot path).
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      // The declared length is what the server reads (Node's parser enforces it). Deciding on it
      // without touching the body stream leaves an unread body to the server, which drains it and
      // keeps the connection usable for the caller's next request.
      if (Number(length) > MAX_BODY_BYTES) throw tooLarge(BODY_TOO_LARGE_MESSAGE);
      return next();
    }
    return streamed(c, next);
  };
}

export type JsonBody =
  | { ok: true; value: unknown; text: string }
  | { ok: false; problem: 'too_large' | 'empty' | 'invalid_json'; message: string }
  /** JSON, but past a limit of json-shape.ts: the app answers it like a schema failure at `field`. */
  | { ok: false; problem: 'invalid_shape'; field: string; message: string };

/**
 * The one reader of request bodies: the text within the cap (bodySizeCap has refused larger ones while
 * they streamed; the length is checked again for apps served without it) and its JSON, within the
 * shape limits of json-shape.ts. Each app maps the problems to its own error shape.
 */
export async function readJson(c: Context): Promise<JsonBody> {
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    return { ok: false, problem: 'too_large', message: BODY_TOO_LARGE_MESSAGE };
  if (text.trim() === '')
    return { ok: false, problem: 'empty', message: 'request body is empty; a JSON body is required' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'invalid_json', message: 'request body is not valid JSON' };
  }
  const shape = jsonShapeProblem(value);
  if (shape) return { ok: false, problem: 'invalid_shape', ...shape };
  return { ok: true, value, text };
}
