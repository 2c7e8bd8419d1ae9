import fc from 'fast-check';

// biome-ignore lint/suspicious/noExplicitAny: generated bodies are arbitrary JSON.
type Json = any;
type Path = Array<string | number>;

/** One generated request body: its text and what was done to the valid body it came from. */
export interface GeneratedBody {
  text: string;
  mutations: string[];
  /** A string unique to this body, inside it: found in the table later, the body was stored. */
  marker: string;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const CONTROL_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0003\u001f',
  '\u007f',
  '\r\n\r\nX-Injected: 1',
  '\u2028\u2029',
  '\u202eRTL',
  '\ud800',
  '\udfff\ud800',
  '\ufeff',
  '%00',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, sent as plain text.
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  "' OR '1'='1",
];
const DATES = [
  '2024-13-45T99:99:99Z',
  'yesterday',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2024-01-01',
  '',
  '1e10',
];

const anyValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.integer(), { maxKeys: 3 }),
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('wrong-type' as const), at: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('prototype-key' as const),
    at: fc.nat(),
    key: fc.constantFrom(...PROTO_KEYS),
    value: fc.oneof(
      fc.constant({ polluted: 'yes' }),
      fc.constant('polluted'),
      fc.constant(null),
      fc.constant([1]),
    ),
  }),
  fc.record({
    kind: fc.constant('control-chars' as const),
    at: fc.nat(),
    value: fc.constantFrom(...CONTROL_STRINGS),
  }),
  fc.record({
    kind: fc.constant('long-string' as const),
    at: fc.nat(),
    length: fc.integer({ min: 300, max: 20_000 }),
  }),
  fc.record({
    kind: fc.constant('deep' as const),
    at: fc.nat(),
    depth: fc.integer({ min: 33, max: 5_000 }),
    shape: fc.constantFrom('array', 'object'),
  }),
  fc.record({
    kind: fc.constant('huge-number' as const),
    at: fc.nat(),
    value: fc.constantFrom(1e308, -1e308, 2 ** 63, -0, 1e-320),
  }),
  fc.record({ kind: fc.constant('many-fields' as const), count: fc.integer({ min: 100, max: 2_000 }) }),
  fc.record({
    kind: fc.constant('big-array' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1_000, max: 5_000 }),
  }),
  fc.record({ kind: fc.constant('bad-date' as const), at: fc.nat(), value: fc.constantFrom(...DATES) }),
  fc.record({
    kind: fc.constant('whole-body' as const),
    value: fc.constantFrom('[]', 'null', '"text"', '42', 'true', '{}', '[{}]'),
  }),
);

const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('garbage' as const),
    at: fc.nat(),
    value: fc.constantFrom('}', ']]', ',,', '\\', '"', '\u0000', 'NaN', 'undefined'),
  }),
  fc.record({ kind: fc.constant('single-quotes' as const) }),
  fc.record({ kind: fc.constant('trailing-comma' as const) }),
  fc.record({ kind: fc.constant('comment' as const) }),
  fc.record({ kind: fc.constant('bom' as const) }),
  fc.record({ kind: fc.constant('duplicate-keys' as const) }),
  fc.record({ kind: fc.constant('nan-literal' as const) }),
);

const plan = fc.record({
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  /** About one body in six is also broken as text. */
  text: fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: textMutation, weight: 1 }),
});

/**
 * `count` bodies derived from a valid `base` body, deterministic for a given seed (fast-check's
 * sampler): wrong types, removed fields, prototype keys, control characters, long strings, nesting
 * deeper than 32, huge numbers, thousands of fields, big arrays, bad dates, other JSON types, and
 * broken JSON text. Each carries a unique marker so the table can be searched for it afterwards.
 */
export function generateBodies(
  base: Json,
  count: number,
  seed: number,
  markerPrefix: string,
): GeneratedBody[] {
  return fc.sample(plan, { seed, numRuns: count }).map((p, index) => {
    const marker = `${markerPrefix}${index}Z`;
    const body = structuredClone(base);
    if (isObject(body)) body.x_attack = marker;
    let value: Json = body;
    const names: string[] = [];
    for (const m of p.mutations) {
      value = applyMutation(value, m as Mutation);
      names.push(m.kind);
    }
    let text =
      typeof value === 'string' && names.includes('whole-body') ? value : expandDeep(JSON.stringify(value));
    if (p.text) {
      text = applyTextMutation(text, p.text);
      names.push(`text:${p.text.kind}`);
    }
    if (!text.includes(marker))
      text = text.replace(/^(\s*\{)(\s*\})?/, (_, open: string, close?: string) =>
        close ? `${open}"x_attack":"${marker}"}` : `${open}"x_attack":"${marker}",`,
      );
    return { text, mutations: names, marker };
  });
}

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;
type TextMutation = typeof textMutation extends fc.Arbitrary<infer M> ? M : never;

function applyMutation(body: Json, m: Mutation): Json {
  if (m.kind === 'whole-body') return m.value;
  if (!isObject(body) && !Array.isArray(body)) return body;
  const paths = pathsOf(body);
  if (m.kind === 'many-fields') {
    for (let i = 0; i < m.count; i++) body[`extra_${i}`] = i;
    return body;
  }
  const pick = (filter: (v: Json) => boolean): Path | undefined => {
    const candidates = paths.filter((p) => filter(get(body, p)));
    return candidates.length ? candidates[m.at % candidates.length] : undefined;
  };
  const any = () => pick(() => true);
  switch (m.kind) {
    case 'wrong-type':
      return set(body, any(), structuredClone(m.value));
    case 'remove':
      return remove(body, any());
    case 'prototype-key': {
      const target = pick((v) => isObject(v)) ?? [];
      const holder = target.length ? get(body, target) : body;
      Object.defineProperty(holder, m.key, {
        value: structuredClone(m.value),
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return body;
    }
    case 'control-chars':
      return set(
        body,
        pick((v) => typeof v === 'string'),
        m.value,
      );
    case 'long-string':
      return set(
        body,
        pick((v) => typeof v === 'string'),
        'x'.repeat(m.length),
      );
    case 'deep':
      // A placeholder, replaced by the nested text at the end: no recursion of ours meets the depth.
      return set(body, any(), `${DEEP}${m.shape}:${m.depth}`);
    case 'huge-number':
      return set(body, pick((v) => typeof v === 'number') ?? any(), m.value);
    case 'big-array':
      return set(
        body,
        pick((v) => Array.isArray(v)) ?? any(),
        Array.from({ length: m.length }, (_, i) => i),
      );
    case 'bad-date':
      return set(body, pick((v) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) ?? any(), m.value);
  }
}

function applyTextMutation(text: string, m: TextMutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % Math.max(text.length, 1));
    case 'garbage': {
      const at = m.at % Math.max(text.length, 1);
      return text.slice(0, at) + m.value + text.slice(at);
    }
    case 'single-quotes':
      return text.replace(/"/g, "'");
    case 'trailing-comma':
      return text.replace(/\}$/, ',}');
    case 'comment':
      return text.replace(/^\{/, '{/* comment */');
    case 'bom':
      return `\ufeff${text}`;
    case 'duplicate-keys':
      return text.replace(/^\{/, '{"id":"first","id":"second","country_code":"XX",');
    case 'nan-literal':
      return text.replace(/:(-?\d+(\.\d+)?)/, ':NaN');
  }
}

const DEEP = '\u0000deep:';

function expandDeep(text: string): string {
  return text.replace(/"\\u0000deep:(array|object):(\d+)"/g, (_, shape: string, depth: string) => {
    const n = Number(depth);
    return shape === 'array' ? `${'['.repeat(n)}1${']'.repeat(n)}` : `${'{"d":'.repeat(n)}1${'}'.repeat(n)}`;
  });
}

const isObject = (v: Json): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

function pathsOf(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      out.push([...prefix, i]);
      pathsOf(v, [...prefix, i], out);
    });
  else if (isObject(value))
    for (const key of Object.keys(value)) {
      out.push([...prefix, key]);
      pathsOf(value[key], [...prefix, key], out);
    }
  return out;
}

function get(value: Json, path: Path): Json {
  return path.reduce((v, k) => (v == null ? undefined : v[k]), value);
}

function set(body: Json, path: Path | undefined, value: Json): Json {
  if (!path || path.length === 0) return body;
  const parent = get(body, path.slice(0, -1));
  if (parent != null && typeof parent === 'object') parent[path[path.length - 1] as string] = value;
  return body;
}

function remove(body: Json, path: Path | undefined): Json {
  if (!path || path.length === 0) return body;
  const parent = get(body, path.slice(0, -1));
  const key = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (parent != null && typeof parent === 'object') delete parent[key];
  return body;
}
