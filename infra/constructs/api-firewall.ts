import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { TenantConfig } from '../../functions/config';
import { ADMIN_FORBIDDEN_BODY, ADMIN_FORBIDDEN_BODY_KEY, adminAllowListRule } from './waf-admin-allow-list';
import {
  RATE_LIMITED_BODY,
  RATE_LIMITED_BODY_KEY,
  tenantRateRules,
  tooManyRequests,
  visibility,
} from './waf-rate-rules';

const wafLogGroupNameOf = (stage: string): string => `aws-waf-logs-ocpi-hub-${stage}`;

export interface ApiFirewallProps {
  /** ARN of the API Gateway stage to protect. */
  readonly stageArn: string;
  readonly stage: string;
  /** Tenants with their rate limits (the tenants file). */
  readonly tenants: readonly TenantConfig[];
  /** Requests per source IP in any 5-minute window before the IP is blocked. */
  readonly requestsPerIpPer5Min: number;
  /** Source CIDRs allowed on the admin paths; empty = any. */
  readonly adminAllowedCidrs: readonly string[];
  /** The stage's WAF log group exists (retained from a destroyed stack): reference it. */
  readonly reuseRetained: boolean;
}

/**
 * A regional WAF web ACL in front of the API: the admin source allow-list, a per-IP limit, the
 * per-tenant and per-partner limits of the tenants file (429 in the OCPI envelope, Retry-After) and
 * AWS's common rule set. Every request is logged, without its Authorization header or path (token
 * UIDs travel in paths of the tokens module).
 */
export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly logGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const { stage } = props;
    const rules: wafv2.CfnWebACL.RuleProperty[] = [];
    const allowList = adminAllowListRule(this, props.adminAllowedCidrs, stage, rules.length);
    if (allowList) rules.push(allowList);
    rules.push({
      name: 'rate-limit-per-ip',
      priority: rules.length,
      action: tooManyRequests(300),
      statement: {
        rateBasedStatement: {
          aggregateKeyType: 'IP',
          limit: props.requestsPerIpPer5Min,
          evaluationWindowSec: 300,
        },
      },
      visibilityConfig: visibility(`ocpi-hub-${stage}-rate-limit-ip`),
    });
    rules.push(...tenantRateRules(props.tenants, stage, rules.length));
    rules.push({
      name: 'aws-common-rule-set',
      priority: rules.length,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: 'AWSManagedRulesCommonRuleSet',
          // OCPI PUT/PATCH bodies (a Location with its EVSEs, a tariff) routinely exceed the rule's
          // 8 KB body limit; count them instead of blocking legitimate partner pushes.
          ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
        },
      },
      visibilityConfig: visibility(`ocpi-hub-${stage}-common-rule-set`),
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`ocpi-hub-${stage}-web-acl`),
      customResponseBodies: {
        [RATE_LIMITED_BODY_KEY]: { contentType: 'APPLICATION_JSON', content: RATE_LIMITED_BODY },
        [ADMIN_FORBIDDEN_BODY_KEY]: { contentType: 'APPLICATION_JSON', content: ADMIN_FORBIDDEN_BODY },
      },
      rules,
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    // WAF only logs to a group named aws-waf-logs-*: a fixed name, retained like the tables.
    const logGroupName = wafLogGroupNameOf(stage);
    this.logGroup = props.reuseRetained
      ? logs.LogGroup.fromLogGroupName(this, 'Logs', logGroupName)
      : new logs.LogGroup(this, 'Logs', {
          logGroupName,
          retention: logs.RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.RETAIN,
        });
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The bare log group ARN: WAF refuses the `:*` form CDK's logGroupArn ends with.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { uriPath: {} }],
    });
    logging.node.addDependency(this.logGroup);
  }
}
