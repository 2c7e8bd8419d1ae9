import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { leniencyFor } from '../../hub/partners/leniency';
import { InvalidJsonError, InvalidParametersError, PayloadTooLargeError } from '../../ocpi/errors';
import { nullFreeText, observeReading } from '../../ocpi/schemas/nulls';
import type { HubEnv } from '../http-env';
import { type JsonBody, readJson } from '../request-body';

/**
 * OCPI request bodies, all read by `readJson` (request-body.ts): over 1 MB -> HTTP 413, not JSON ->
 * HTTP 400, both with the envelope (ocpi-notes §1.4); a schema failure, or a body past the shape
 * limits (too deep, a prototype key, an unsafe number), is 2001 naming the field path.
 * The text is kept as received: the hub forwards it byte for byte and never touches last_updated
 * (ocpi-notes §1.7, §3.6), except that a body holding JSON `null`s is passed on without them: `null`
 * means absent (ocpi-notes §1.6), and what the hub stores and sends on carries none.
 */

/** The body's text when there is one (undefined for GET, HEAD and an empty body); it must be JSON. */
export async function readOptionalJsonText(c: Context): Promise<string | undefined> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return undefined;
  const body = await readJson(c);
  if (body.ok) return nullFreeText(body.value, body.text);
  if (body.problem === 'empty') return undefined;
  throw toOcpiError(body);
}

/** A required JSON body, validated; an empty one is HTTP 400 like one that is not JSON. */
export async function readValidBody<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
): Promise<{ value: z.infer<S>; text: string }> {
  const body = await readJson(c);
  if (!body.ok) throw toOcpiError(body);
  // Validated with its nulls: a null in a required field is refused naming it, not as missing.
  return { value: validate(c, schema, body.value), text: nullFreeText(body.value, body.text) };
}

/** A required JSON body, validated; an empty one is 2001 naming `body` (the charging modules' rule). */
export async function readRequiredBody<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
): Promise<{ value: z.infer<S>; text: string }> {
  const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await readJson(c);
  if (body === undefined || (!body.ok && body.problem === 'empty'))
    throw new InvalidParametersError('a JSON body is required', 'body');
  if (!body.ok) throw toOcpiError(body);
  return { value: validate(c, schema, body.value), text: nullFreeText(body.value, body.text) };
}

/** Validates, counting the nulls and unknown fields the caller sent (leniency telemetry, issue #11). */
function validate<S extends z.ZodMiniType>(c: Context, schema: S, value: unknown): z.infer<S> {
  const { result: parsed, notes } = observeReading(() => schema.safeParse(value));
  const caller = (c as Context<HubEnv>).get('caller');
  const tenant = (c as Context<HubEnv>).get('tenant');
  if (caller && tenant && (notes.nulls > 0 || notes.unknownFields > 0)) {
    const leniencies = leniencyFor(tenant, caller.partner.id);
    if (notes.nulls > 0) leniencies.note('null_fields');
    if (notes.unknownFields > 0) leniencies.note('unknown_fields');
  }
  if (!parsed.success) throw InvalidParametersError.fromZod(parsed.error);
  return parsed.data;
}

function toOcpiError(body: Exclude<JsonBody, { ok: true }>) {
  if (body.problem === 'invalid_shape') return new InvalidParametersError(body.message, body.field);
  return body.problem === 'too_large'
    ? new PayloadTooLargeError(body.message)
    : new InvalidJsonError(body.message);
}
