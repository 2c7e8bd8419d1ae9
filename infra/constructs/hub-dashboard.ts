import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HUB_METRICS } from '../../functions/metric-names';
import type { HubFunction } from './hub-function';

const PERIOD = Duration.minutes(5);

export interface HubDashboardProps {
  readonly stage: string;
  readonly api: apigateway.RestApi;
  readonly functions: readonly HubFunction[];
  readonly deadLetterQueue: sqs.IQueue;
  /** Metric name of the web ACL (its WebACL dimension in AWS/WAFV2). */
  readonly webAclMetricName: string;
  readonly alarms: readonly cloudwatch.IAlarm[];
}

/** A metric of every tenant, found by SEARCH so the dashboard stays one size at 100 tenants. */
const perTenant = (metricName: string, label: string): cloudwatch.MathExpression =>
  new cloudwatch.MathExpression({
    expression: `SEARCH('{${HUB_METRICS.namespace},${HUB_METRICS.tenantDimension}} MetricName="${metricName}"', 'Sum', 300)`,
    label,
    period: PERIOD,
  });

/** One dashboard per stage: API, functions, deliveries per tenant, dead letters, WAF, alarms. */
export class HubDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: HubDashboardProps) {
    super(scope, id);
    const { api, functions } = props;
    const byFunction = (metric: (fn: HubFunction) => cloudwatch.IMetric) => functions.map(metric);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `OcpiHub-${props.stage}`,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24 }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and errors',
        left: [
          api.metricCount({ period: PERIOD }),
          api.metricClientError({ period: PERIOD }),
          api.metricServerError({ period: PERIOD }),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency (p50, p99)',
        left: [
          api.metricLatency({ period: PERIOD, statistic: 'p50' }),
          api.metricLatency({ period: PERIOD, statistic: 'p99' }),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Deliveries per tenant',
        left: [
          perTenant(HUB_METRICS.deliveriesSent, 'sent'),
          perTenant(HUB_METRICS.deliveriesFailed, 'failed'),
          perTenant(HUB_METRICS.deliveriesRetried, 'retried'),
          perTenant(HUB_METRICS.deliveriesDeadLettered, 'dead-lettered'),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Delivery dead letters',
        left: [props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD })],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Requests by API, module, method and status',
        left: [
          new cloudwatch.MathExpression({
            expression: `SEARCH('{${HUB_METRICS.namespace},Api,Module,Method,Status} MetricName="${HUB_METRICS.requests}"', 'Sum', 300)`,
            label: 'requests',
            period: PERIOD,
          }),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Handshakes, rotations, auth failures and throttles per tenant',
        left: [
          perTenant(HUB_METRICS.handshakes, 'handshakes'),
          perTenant(HUB_METRICS.rotations, 'rotations'),
          new cloudwatch.MathExpression({
            expression: `SEARCH('{${HUB_METRICS.namespace},Api,${HUB_METRICS.tenantDimension}} MetricName="${HUB_METRICS.authFailures}"', 'Sum', 300)`,
            label: 'auth failures',
            period: PERIOD,
          }),
          perTenant(HUB_METRICS.throttles, 'throttled'),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Function errors',
        left: byFunction((fn) => fn.function.metricErrors({ period: PERIOD, label: fn.node.id })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function throttles',
        left: byFunction((fn) => fn.function.metricThrottles({ period: PERIOD, label: fn.node.id })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function duration p99',
        left: byFunction((fn) =>
          fn.function.metricDuration({ period: PERIOD, statistic: 'p99', label: fn.node.id }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'WAF blocked requests by rule',
        left: [
          new cloudwatch.MathExpression({
            expression: `SEARCH('{AWS/WAFV2,Region,Rule,WebACL} MetricName="BlockedRequests" WebACL="${props.webAclMetricName}"', 'Sum', 300)`,
            label: 'blocked',
            period: PERIOD,
          }),
        ],
        width: 24,
      }),
    );
  }
}
