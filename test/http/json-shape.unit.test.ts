import { describe, expect, it } from 'vitest';
import { jsonShapeProblem, MAX_JSON_DEPTH } from '../../functions/http/json-shape';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('jsonShapeProblem', () => {
  it('accepts an ordinary OCPI-like body', () => {
    // Prepare
    const body = { id: 'LOC1', evses: [{ uid: 'E1', connectors: [{ id: '1', max_voltage: 230 }] }] };

    // Act / Assess
    expect(jsonShapeProblem(body)).toBeUndefined();
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more, naming the path`, () => {
    // Act / Assess
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    const problem = jsonShapeProblem(nested(MAX_JSON_DEPTH + 1));
    expect(problem?.message).toContain('deeper than 32');
    expect(problem?.field).toMatch(/^a(\.a)+$/);
  });

  it('walks 100,000 levels without a stack overflow', () => {
    // Prepare
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

    // Act / Assess
    expect(jsonShapeProblem(JSON.parse(text))?.field).toMatch(/^(\[0\])+$/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key at any depth', (key) => {
    // Prepare: JSON.parse keeps "__proto__" as an own field, as a partner's body would arrive
    const body = JSON.parse(`{"evses":[{"uid":"E1","${key}":{"polluted":true}}]}`);

    // Act / Assess
    expect(jsonShapeProblem(body)).toEqual({
      field: `evses[0].${key}`,
      message: 'is a reserved name, not a field',
    });
  });

  it.each([
    ['1e999', 'Infinity'],
    ['9223372036854775807', 'a 64-bit integer'],
    ['-1e308', 'a huge negative number'],
  ])('refuses %s (%s)', (number) => {
    // Act / Assess
    expect(jsonShapeProblem(JSON.parse(`{"total_cost":{"excl_vat":${number}}}`))?.field).toBe(
      'total_cost.excl_vat',
    );
  });

  it('names the body itself when the document is the problem', () => {
    // Act / Assess
    expect(jsonShapeProblem(Number.POSITIVE_INFINITY)?.field).toBe('body');
  });
});
