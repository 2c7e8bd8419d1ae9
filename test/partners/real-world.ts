import type { MiddlewareHandler } from 'hono';
import type { PlatformState } from './platform-state';
import type { SimEnv } from './sim-env';

type Obj = Record<string, unknown>;

/** Optional fields real libraries write as null when absent; a null for a field a type lacks is unknown. */
const NULLED_FIELDS = ['website', 'logo', 'images', 'directions', 'visual_number', 'group_id', 'remark'];
const EXTRA_FIELD = 'x_vendor_extension';

/** Answers of one object the platform wraps in a one-element list under 'list-wrapped-answers'. */
const SINGLE_OBJECT_ANSWERS = [
  /^\/ocpi\/2\.2\.1\/?$/,
  /^\/ocpi\/2\.2\.1\/credentials\/?$/,
  /\/sender\/tokens\/[^/]+\/authorize\/?$/,
  /\/sender\/sessions\/[^/]+\/charging_preferences\/?$/,
];

/** An object as a sloppy library writes it: nulls for absent optional fields, an unknown field. */
export function sloppyObject(state: PlatformState, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => sloppyObject(state, item));
  if (typeof value !== 'object' || value === null) return value;
  const object: Obj = { ...(value as Obj) };
  if (state.misbehaviour.has('null-fields')) {
    for (const field of NULLED_FIELDS) if (!(field in object)) object[field] = null;
  }
  if (state.misbehaviour.has('extra-fields')) object[EXTRA_FIELD] = { vendor: 'sim', note: 'not OCPI' };
  return object;
}

/**
 * The real-world profile on the way out (issue #11): JSON answers get nulls and unknown fields in
 * their objects, single-object answers come in a one-element list, and page Links name https on this
 * platform's own http host and port.
 */
export function realWorldAnswers(state: PlatformState): MiddlewareHandler<SimEnv> {
  return async function realWorldAnswersMiddleware(c, next) {
    await next();
    const { misbehaviour } = state;
    const link = c.res.headers.get('Link');
    if (link && misbehaviour.has('wrong-scheme-link'))
      c.res.headers.set('Link', link.replace('<http://', '<https://'));
    const sloppy = ['null-fields', 'extra-fields', 'list-wrapped-answers'] as const;
    if (!sloppy.some((m) => misbehaviour.has(m))) return;
    if (!c.res.headers.get('content-type')?.includes('application/json') || c.res.status >= 300) return;
    const body = (await c.res.clone().json()) as Obj;
    if (!body || typeof body !== 'object' || !('data' in body)) return;
    let data = body.data;
    // Commands answers stay as they are: their shape is another part of the hub's tolerance.
    if (!c.req.path.includes('/commands')) data = sloppyObject(state, data);
    const single = SINGLE_OBJECT_ANSWERS.some((p) => p.test(c.req.path));
    if (single && misbehaviour.has('list-wrapped-answers') && !Array.isArray(data)) data = [data];
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(JSON.stringify({ ...body, data }), { status: c.res.status, headers });
  };
}
