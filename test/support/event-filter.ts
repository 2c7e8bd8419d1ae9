type Json = Record<string, unknown>;

/**
 * The subset of Lambda's event filter syntax (EventBridge patterns) the delivery function's filter
 * uses: value lists, `prefix`, `exists`. Decides what the event source mapping would hand the function.
 */
export function matchesEventPattern(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some((rule) => {
      if (rule && typeof rule === 'object' && 'prefix' in rule)
        return typeof value === 'string' && value.startsWith(String(rule.prefix));
      if (rule && typeof rule === 'object' && 'exists' in rule) return (value !== undefined) === rule.exists;
      return rule === value;
    });
  }
  if (pattern && typeof pattern === 'object') {
    const rules = Object.entries(pattern as Json);
    if (value === undefined || typeof value !== 'object' || value === null)
      return rules.every(([, rule]) => matchesEventPattern(rule, undefined));
    return rules.every(([key, rule]) => matchesEventPattern(rule, (value as Json)[key]));
  }
  return pattern === value;
}
