/** Sets `value` at a field path such as `evses[0].connectors[1].standard` of a test object. */
export function setAt(target: unknown, path: string, value: unknown): void {
  const keys = path.split(/[.[\]]+/).filter((key) => key !== '');
  const last = keys.pop();
  if (last === undefined) throw new Error('setAt needs a field path');
  let node = target as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  node[last] = value;
}
