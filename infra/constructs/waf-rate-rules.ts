import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { TenantConfig } from '../../functions/config';

type Rule = wafv2.CfnWebACL.RuleProperty;

/** Label namespaces the tenant rules add; rate rules aggregate and scope by them. */
const TENANT_LABEL_NAMESPACE = 'ocpihub:tenant:';
const LIMITS_LABEL_NAMESPACE = 'ocpihub:limits:';

/** Key of the static body every 429 of the WAF carries (see RATE_LIMITED_BODY). */
export const RATE_LIMITED_BODY_KEY = 'too-many-requests';

/**
 * WAF custom bodies are static, so this OCPI envelope has no `timestamp` (a fixed one would be
 * false); HTTP 429 and Retry-After carry the meaning. The admin API's error shape rides along, so
 * one body answers both APIs (docs/operations.md "Rate limits").
 */
export const RATE_LIMITED_BODY = JSON.stringify({
  status_code: 2000,
  status_message: 'too many requests',
  error: { code: 'rate_limited', message: 'too many requests' },
});

/** The window of the per-tenant and per-partner limits (requests per minute in the tenants file). */
const WINDOW_SECONDS = 60;

export const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  metricName,
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
});

export const tooManyRequests = (retryAfterSeconds: number): wafv2.CfnWebACL.RuleActionProperty => ({
  block: {
    customResponse: {
      responseCode: 429,
      customResponseBodyKey: RATE_LIMITED_BODY_KEY,
      responseHeaders: [{ name: 'Retry-After', value: String(retryAfterSeconds) }],
    },
  },
});

const pathStartsWith = (prefix: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const hasLabel = (key: string): wafv2.CfnWebACL.StatementProperty => ({
  labelMatchStatement: { scope: 'LABEL', key },
});

/**
 * Rate rules per tenant and per partner with the limits of the tenants file. API Gateway has one
 * throttle for the whole stage and the IP rule cannot tell apart partners behind one SaaS backend, so:
 *
 * 1. one counting rule per tenant labels its requests (`ocpihub:tenant:<id>`, and
 *    `ocpihub:limits:<n>` naming its group of identical limits); the path is `/<tenant>/...` on the
 *    custom domain and `/<stage>/<tenant>/...` on the execute-api URL;
 * 2. per group, a rate rule aggregated by the tenant label (all requests of one tenant) and one
 *    aggregated by the Authorization header (one partner: its token), both answering 429.
 *
 * Grouping keeps the expensive rate rules (30 WCU per custom key) to the distinct limit settings,
 * not to the number of tenants.
 */
export function tenantRateRules(
  tenants: readonly TenantConfig[],
  stage: string,
  firstPriority: number,
): Rule[] {
  const groups = new Map<string, { partner: number; tenant: number; index: number }>();
  const groupOf = (tenant: TenantConfig) => {
    const { partnerPerMinute: partner, tenantPerMinute } = tenant.rateLimits;
    const key = `${partner}/${tenantPerMinute}`;
    let group = groups.get(key);
    if (!group) {
      group = { partner, tenant: tenantPerMinute, index: groups.size };
      groups.set(key, group);
    }
    return group;
  };
  let priority = firstPriority;
  const rules: Rule[] = tenants.map((tenant) => ({
    name: `tenant-${tenant.id}`,
    priority: priority++,
    action: { count: {} },
    ruleLabels: [
      { name: `${TENANT_LABEL_NAMESPACE}${tenant.id}` },
      { name: `${LIMITS_LABEL_NAMESPACE}${groupOf(tenant).index}` },
    ],
    statement: {
      orStatement: {
        statements: [pathStartsWith(`/${tenant.id}/`), pathStartsWith(`/${stage}/${tenant.id}/`)],
      },
    },
    visibilityConfig: {
      ...visibility(`ocpi-hub-${stage}-tenant-${tenant.id}`),
      sampledRequestsEnabled: false,
    },
  }));
  for (const group of groups.values()) {
    const scopeDownStatement = hasLabel(`${LIMITS_LABEL_NAMESPACE}${group.index}`);
    rules.push(
      {
        name: `rate-limit-tenant-${group.index}`,
        priority: priority++,
        action: tooManyRequests(WINDOW_SECONDS),
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'CUSTOM_KEYS',
            customKeys: [{ labelNamespace: { namespace: TENANT_LABEL_NAMESPACE } }],
            limit: group.tenant,
            evaluationWindowSec: WINDOW_SECONDS,
            scopeDownStatement,
          },
        },
        visibilityConfig: visibility(`ocpi-hub-${stage}-rate-limit-tenant-${group.index}`),
      },
      {
        name: `rate-limit-partner-${group.index}`,
        priority: priority++,
        action: tooManyRequests(WINDOW_SECONDS),
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'CUSTOM_KEYS',
            customKeys: [
              { header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } },
            ],
            limit: group.partner,
            evaluationWindowSec: WINDOW_SECONDS,
            scopeDownStatement,
          },
        },
        visibilityConfig: visibility(`ocpi-hub-${stage}-rate-limit-partner-${group.index}`),
      },
    );
  }
  return rules;
}
