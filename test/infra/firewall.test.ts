import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PATH_REGEX } from '../../infra/constructs/waf-admin-allow-list';
import { synthHubStack } from './synth-hub-stack';

type Rule = {
  Name: string;
  Priority: number;
  Action?: { Count?: object; Block?: { CustomResponse?: Record<string, unknown> } };
  RuleLabels?: { Name: string }[];
  Statement: Record<string, Record<string, unknown>>;
};

function tenantsFile(tenants: object[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hub-waf-')), 'tenants.json');
  writeFileSync(path, JSON.stringify({ tablePrefix: 'waf-', tenants }));
  return path;
}

const tenant = (id: string, rateLimits?: object) => ({
  id,
  name: id,
  hub: { country_code: 'NL', party_id: 'HUB', name: 'Hub' },
  ...(rateLimits ? { rateLimits } : {}),
});

const aclOf = (hub: ReturnType<typeof synthHubStack>) => {
  const [acl] = Object.values(hub.ofType('AWS::WAFv2::WebACL'));
  return acl?.Properties as { Rules: Rule[]; CustomResponseBodies: Record<string, { Content: string }> };
};

describe('rate limits per tenant and per partner', () => {
  const hub = synthHubStack({
    bundle: false,
    context: {
      stage: 'prod',
      hubConfig: tenantsFile([
        tenant('alpha'),
        tenant('beta', { partnerPerMinute: 50, tenantPerMinute: 500 }),
        tenant('gamma'),
      ]),
    },
  });
  const { Rules: rules, CustomResponseBodies: bodies } = aclOf(hub);
  const named = (name: string) => rules.find((r) => r.Name === name);

  it("labels each tenant's requests on the custom domain and the execute-api paths", () => {
    const beta = named('tenant-beta');

    expect(beta?.Action).toEqual({ Count: {} });
    expect(beta?.RuleLabels).toEqual([{ Name: 'ocpihub:tenant:beta' }, { Name: 'ocpihub:limits:1' }]);
    const prefixes = (
      (beta?.Statement.OrStatement?.Statements ?? []) as { ByteMatchStatement: { SearchString: string } }[]
    ).map((s) => s.ByteMatchStatement.SearchString);
    expect(prefixes).toEqual(['/beta/', '/prod/beta/']);
    expect(named('tenant-gamma')?.RuleLabels).toContainEqual({ Name: 'ocpihub:limits:0' });
  });

  it('limits each tenant and each Authorization header with the limits of its group', () => {
    const limits = rules
      .filter((r) => r.Name.startsWith('rate-limit-tenant') || r.Name.startsWith('rate-limit-partner'))
      .map((r) => {
        const statement = r.Statement.RateBasedStatement as {
          Limit: number;
          EvaluationWindowSec: number;
          CustomKeys: unknown[];
          ScopeDownStatement: { LabelMatchStatement: { Key: string } };
        };
        return `${r.Name} ${statement.Limit}/${statement.EvaluationWindowSec}s ${JSON.stringify(statement.CustomKeys)} ${statement.ScopeDownStatement.LabelMatchStatement.Key}`;
      });

    expect(limits).toEqual([
      'rate-limit-tenant-0 6000/60s [{"LabelNamespace":{"Namespace":"ocpihub:tenant:"}}] ocpihub:limits:0',
      'rate-limit-partner-0 600/60s [{"Header":{"Name":"authorization","TextTransformations":[{"Priority":0,"Type":"NONE"}]}}] ocpihub:limits:0',
      'rate-limit-tenant-1 500/60s [{"LabelNamespace":{"Namespace":"ocpihub:tenant:"}}] ocpihub:limits:1',
      'rate-limit-partner-1 50/60s [{"Header":{"Name":"authorization","TextTransformations":[{"Priority":0,"Type":"NONE"}]}}] ocpihub:limits:1',
    ]);
  });

  it('evaluates the labelling rules before the rate rules that read the labels', () => {
    const priorityOf = (name: string) => named(name)?.Priority ?? -1;

    expect(priorityOf('tenant-gamma')).toBeLessThan(priorityOf('rate-limit-tenant-0'));
    expect(new Set(rules.map((r) => r.Priority)).size).toBe(rules.length);
  });

  it('answers 429 with Retry-After and a static OCPI envelope naming the reason', () => {
    for (const rule of rules.filter((r) => r.Name.startsWith('rate-limit'))) {
      const response = rule.Action?.Block?.CustomResponse as {
        ResponseCode: number;
        CustomResponseBodyKey: string;
        ResponseHeaders: { Name: string; Value: string }[];
      };
      expect(response.ResponseCode).toBe(429);
      expect(response.ResponseHeaders).toEqual([
        { Name: 'Retry-After', Value: rule.Name === 'rate-limit-per-ip' ? '300' : '60' },
      ]);
      const body = JSON.parse(bodies[response.CustomResponseBodyKey]?.Content ?? '{}');
      expect(body).toMatchObject({ status_code: 2000, status_message: 'too many requests' });
      expect(body.error).toEqual({ code: 'rate_limited', message: 'too many requests' });
    }
  });

  it('has no admin allow-list unless one is configured', () => {
    expect(named('admin-source-allow-list')).toBeUndefined();
    expect(Object.keys(hub.ofType('AWS::WAFv2::IPSet'))).toEqual([]);
  });
});

describe('admin source allow-list', () => {
  const hub = synthHubStack({
    bundle: false,
    context: { adminAllowedCidrs: '203.0.113.0/24,198.51.100.7/32,2001:db8::/32' },
  });
  const rule = aclOf(hub).Rules[0];

  it('blocks admin paths from addresses outside the IPv4 and IPv6 sets with 403, first of all rules', () => {
    const sets = Object.values(hub.ofType('AWS::WAFv2::IPSet')).map((s) => s.Properties);

    expect(sets.map((s) => `${s.IPAddressVersion} ${JSON.stringify(s.Addresses)}`).sort()).toEqual([
      'IPV4 ["203.0.113.0/24","198.51.100.7/32"]',
      'IPV6 ["2001:db8::/32"]',
    ]);
    expect(rule?.Name).toBe('admin-source-allow-list');
    expect(rule?.Action?.Block?.CustomResponse).toMatchObject({ ResponseCode: 403 });
    const [pathMatch, notAllowed] = (rule?.Statement.AndStatement?.Statements ?? []) as [
      { RegexMatchStatement: unknown },
      { NotStatement: { Statement: { OrStatement: { Statements: unknown[] } } } },
    ];
    expect(pathMatch?.RegexMatchStatement).toMatchObject({
      RegexString: ADMIN_PATH_REGEX,
      TextTransformations: [{ Priority: 0, Type: 'URL_DECODE' }],
    });
    expect(notAllowed?.NotStatement.Statement.OrStatement.Statements).toHaveLength(2);
  });

  it.each([
    ['/demo/admin/partners', true],
    ['/prod/demo/admin/partners', true],
    ['/demo/admin', true],
    ['//demo//admin/partners', true],
    ['/demo/ocpi/versions', false],
    ['/prod/demo/ocpi/2.2.1/sender/locations/admin', false],
    ['/health', false],
    ['/demo/administrator', false],
  ])('treats %s as an admin path: %s', (path, admin) => {
    expect(new RegExp(ADMIN_PATH_REGEX).test(path)).toBe(admin);
  });
});
