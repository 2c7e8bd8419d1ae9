/**
 * Web ACL capacity units of synthesized WAF rules, from AWS's published costs: rate-based 2 plus 30
 * per custom key, byte match (exact or prefix, no transformation) 2, regex 3, label match and IP set
 * 1, 10 per text transformation other than NONE, the common rule set 700. Logical statements add
 * nothing of their own.
 */
export function estimateWcu(rules: unknown[]): number {
  return rules.reduce<number>(
    (sum, rule) => sum + statementWcu((rule as { Statement: unknown }).Statement),
    0,
  );
}

function transformations(match: { TextTransformations?: { Type: string }[] }): number {
  return (match.TextTransformations ?? []).filter((t) => t.Type !== 'NONE').length * 10;
}

function statementWcu(statement: unknown): number {
  const [[type, body]] = Object.entries(statement as object) as [[string, Record<string, unknown>]];
  switch (type) {
    case 'RateBasedStatement':
      return (
        2 +
        30 * ((body.CustomKeys as unknown[] | undefined)?.length ?? 0) +
        (body.ScopeDownStatement ? statementWcu(body.ScopeDownStatement) : 0)
      );
    case 'ByteMatchStatement':
      return (
        (['EXACTLY', 'STARTS_WITH', 'ENDS_WITH'].includes(body.PositionalConstraint as string) ? 2 : 10) +
        transformations(body)
      );
    case 'RegexMatchStatement':
      return 3 + transformations(body);
    case 'LabelMatchStatement':
    case 'IPSetReferenceStatement':
      return 1;
    case 'OrStatement':
    case 'AndStatement':
      return (body.Statements as unknown[]).reduce<number>((sum, inner) => sum + statementWcu(inner), 0);
    case 'NotStatement':
      return statementWcu(body.Statement);
    case 'ManagedRuleGroupStatement':
      if (body.Name === 'AWSManagedRulesCommonRuleSet') return 700;
      throw new Error(`no known capacity for managed rule group ${String(body.Name)}`);
    default:
      throw new Error(`no known capacity for ${type}`);
  }
}
