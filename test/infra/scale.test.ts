import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Resource, type SynthesizedHub, synthHubStack } from './synth-hub-stack';
import { estimateWcu } from './waf-capacity';

const TENANTS = 100;
/** Longest value an unresolved reference can take (ARNs of generated names stay well below). */
const TOKEN_BOUND = 256;
/** Longest ARN of a role without a path: `arn:aws:iam::<12 digits>:role/` and 64 characters of name. */
const ROLE_ARN_BOUND = 95;

/** Upper bound of a value's length once CloudFormation resolved it. */
function resolvedLength(value: unknown, tokenBound = TOKEN_BOUND): number {
  if (typeof value === 'string') return value.length;
  if (value && typeof value === 'object') {
    const [[intrinsic, args]] = Object.entries(value) as [[string, unknown]];
    if (intrinsic === 'Fn::Join') {
      const [separator, parts] = args as [string, unknown[]];
      return parts.reduce<number>(
        (sum, part) => sum + resolvedLength(part, tokenBound),
        separator.length * (parts.length - 1),
      );
    }
    if (intrinsic === 'Ref' && typeof args === 'string' && args.startsWith('AWS::')) return 20;
    return tokenBound;
  }
  return String(value).length;
}

/** A policy document's length with each reference at its upper bound. */
function policyLength(document: unknown, tokenBound = TOKEN_BOUND): number {
  return JSON.stringify(document, (_key, value: unknown) =>
    value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'))
      ? 'x'.repeat(resolvedLength(value, tokenBound))
      : value,
  ).length;
}

let hub: SynthesizedHub;

function tenantsFile(count: number): string {
  const config = join(mkdtempSync(join(tmpdir(), 'hub-scale-')), `${count}.config.json`);
  const tenants = Array.from({ length: count }, (_, i) => ({
    id: `roaming-network-${String(i).padStart(3, '0')}`,
    name: `Roaming network ${i} with a descriptive name`,
    hub: {
      country_code: 'NL',
      party_id: 'HUB',
      name: `Hub of network ${i}`,
      website: 'https://hub.example.com',
    },
    // Two limit settings among the tenants, as a premium tier would make.
    ...(i % 10 === 0 ? { rateLimits: { partnerPerMinute: 3000, tenantPerMinute: 30000 } } : {}),
  }));
  writeFileSync(config, JSON.stringify({ tablePrefix: 'ocpi-hub-', tenants }));
  return config;
}

beforeAll(() => {
  hub = synthHubStack({ context: { hubConfig: tenantsFile(TENANTS), stage: 'prod' }, bundle: false });
}, 120_000);

describe(`a stage with ${TENANTS} tenants`, () => {
  it('keeps every function environment under 4 KB, the tenants file bundled instead', () => {
    for (const fn of hub.stack.functions.all) {
      const Variables = hub.environmentOf(fn.function);
      const size = Object.entries(Variables).reduce(
        (sum, [key, value]) => sum + key.length + resolvedLength(value),
        0,
      );

      expect(size, fn.node.id).toBeLessThan(4096);
      expect(size, fn.node.id).toBeLessThan(2048);
    }
  });

  it('stays within CloudFormation limits: 500 resources and 200 outputs', () => {
    const template = hub.template.toJSON() as {
      Resources: object;
      Outputs: Record<string, { Value: unknown }>;
    };

    expect(Object.keys(template.Resources).length).toBeLessThan(500);
    expect(Object.keys(template.Outputs).length).toBeLessThanOrEqual(200);
    expect(Object.keys(template.Outputs).filter((id) => id.startsWith('Tenant'))).toHaveLength(TENANTS);
    expect(Object.keys(hub.ofType('AWS::DynamoDB::Table'))).toHaveLength(TENANTS);
  });

  it('keeps the tenant role trust policy within 2,048 characters and each role policy within 10,240', () => {
    const roleId = hub.logicalIdOf(hub.stack.tenantAccess.role);
    const trust = hub.resources[roleId]?.Properties.AssumeRolePolicyDocument;

    // The trust policy names the function roles (ARNs) and no tenant: its size does not grow with them.
    expect(policyLength(trust, ROLE_ARN_BOUND)).toBeLessThan(2048);
    for (const policy of Object.values(hub.ofType('AWS::IAM::Policy')) as Resource[]) {
      expect(policyLength(policy.Properties.PolicyDocument)).toBeLessThan(10_240);
    }
    expect(Object.keys(hub.ofType('AWS::IAM::ManagedPolicy'))).toEqual([]);
  });

  it('fits the web ACL into the 1,500 capacity units it includes', () => {
    const [acl] = Object.values(hub.ofType('AWS::WAFv2::WebACL'));
    const rules = acl?.Properties.Rules as unknown[];

    expect(rules.length).toBe(TENANTS + 2 * 2 + 2);
    expect(estimateWcu(rules)).toBeLessThanOrEqual(1500);
  });
});

describe('a stage with more tenants than one stack holds', () => {
  it('fails the synth saying how many resources it needs and what to do', { timeout: 120_000 }, () => {
    const attempt = () =>
      synthHubStack({ context: { hubConfig: tenantsFile(150), stage: 'prod' }, bundle: false });

    expect(attempt).toThrow(
      /stage prod needs \d+ CloudFormation resources for 150 tenants; a stack holds 500/,
    );
  });
});
