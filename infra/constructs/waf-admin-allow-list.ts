import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export const ADMIN_FORBIDDEN_BODY_KEY = 'admin-forbidden';
export const ADMIN_FORBIDDEN_BODY = JSON.stringify({
  error: { code: 'forbidden', message: 'the admin API is not reachable from this address' },
});

/**
 * Admin paths: `/<tenant>/admin/...` on the custom domain, `/<stage>/<tenant>/admin/...` on the
 * execute-api URL. Matched after URL decoding, so `%61dmin` does not slip past.
 */
export const ADMIN_PATH_REGEX = '^/+([^/]+/+)?[^/]+/+admin(/|$)';

/**
 * With allowed CIDRs (`adminAllowedCidrs`), blocks admin paths from any other source address with
 * HTTP 403 in the admin error shape. OCPI paths stay open: partners are authenticated by token.
 */
export function adminAllowListRule(
  scope: Construct,
  cidrs: readonly string[],
  stage: string,
  priority: number,
): wafv2.CfnWebACL.RuleProperty | undefined {
  if (cidrs.length === 0) return undefined;
  const sets = (['IPV4', 'IPV6'] as const)
    .map((version) => ({
      version,
      addresses: cidrs.filter((cidr) => cidr.includes(':') === (version === 'IPV6')),
    }))
    .filter((set) => set.addresses.length > 0)
    .map(
      (set) =>
        new wafv2.CfnIPSet(scope, `AdminAllowList${set.version}`, {
          scope: 'REGIONAL',
          ipAddressVersion: set.version,
          addresses: set.addresses,
          description: `Sources allowed on the OCPI hub admin API (stage ${stage})`,
        }),
    );
  const allowed: wafv2.CfnWebACL.StatementProperty[] = sets.map((set) => ({
    ipSetReferenceStatement: { arn: set.attrArn },
  }));
  return {
    name: 'admin-source-allow-list',
    priority,
    action: {
      block: { customResponse: { responseCode: 403, customResponseBodyKey: ADMIN_FORBIDDEN_BODY_KEY } },
    },
    statement: {
      andStatement: {
        statements: [
          {
            regexMatchStatement: {
              fieldToMatch: { uriPath: {} },
              regexString: ADMIN_PATH_REGEX,
              textTransformations: [{ priority: 0, type: 'URL_DECODE' }],
            },
          },
          {
            notStatement: {
              statement: allowed.length === 1 ? allowed[0]! : { orStatement: { statements: allowed } },
            },
          },
        ],
      },
    },
    visibilityConfig: {
      metricName: `ocpi-hub-${stage}-admin-allow-list`,
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
    },
  };
}
