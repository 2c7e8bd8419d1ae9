import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HUB_METRICS, METRIC_DIMENSIONS } from '../../functions/metric-names';
import { type Resource, synthHubStack } from './synth-hub-stack';

const hub = synthHubStack({ bundle: false, context: { alarmEmail: 'ops@example.com' } });
const topicId = hub.logicalIdOf(hub.stack.alarms.topic);
const alarms = Object.values(hub.ofType('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const alarmNamed = (fragment: string) => alarms.filter((a) => String(a.AlarmDescription).includes(fragment));

describe('alarms', () => {
  it('notifies the encrypted alarm topic, in alarm and back to OK, from every alarm', () => {
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
    }
    hub.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    hub.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: topicId },
    });
  });

  it('alarms as soon as a record waits in the delivery dead-letter queue', () => {
    const queueId = hub.logicalIdOf(hub.stack.delivery.deadLetterQueue);
    const [dlq] = alarmNamed('dead-letter queue');

    expect(dlq).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it("alarms on each tenant's delivery failure rate from the DeliveriesFailed and DeliveriesSent metrics", () => {
    for (const tenant of hub.config.tenants) {
      const [alarm] = alarmNamed(`Tenant ${tenant.id}:`);
      const metrics = alarm?.Metrics as {
        Id: string;
        Expression?: string;
        MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] } };
      }[];

      expect(metrics.find((m) => m.Expression)?.Expression).toBe(
        'IF(sent + failed >= 10, failed / (sent + failed), 0)',
      );
      expect(
        metrics.flatMap((m) => (m.MetricStat ? [`${m.Id} ${m.MetricStat.Metric.MetricName}`] : [])).sort(),
      ).toEqual([`failed ${HUB_METRICS.deliveriesFailed}`, `sent ${HUB_METRICS.deliveriesSent}`]);
      for (const m of metrics.filter((m) => m.MetricStat)) {
        expect(m.MetricStat?.Metric).toMatchObject({
          Namespace: 'OcpiHub',
          Dimensions: [{ Name: 'Tenant', Value: tenant.id }],
        });
      }
      expect(alarm).toMatchObject({ Threshold: 0.25, EvaluationPeriods: 3 });
    }
  });

  it("alarms on the API's 5xx rate", () => {
    const [alarm] = alarmNamed('answered 5xx');
    const names = ((alarm?.Metrics ?? []) as { MetricStat?: { Metric: { MetricName: string } } }[]).flatMap(
      (m) => m.MetricStat?.Metric.MetricName ?? [],
    );

    expect(names.sort()).toEqual(['5XXError', 'Count']);
    expect(alarm?.Threshold).toBe(0.05);
  });

  it('alarms on errors and throttles of every function', () => {
    for (const fn of hub.stack.functions.all) {
      const functionRef = { Ref: hub.logicalIdOf(fn.function) };
      for (const metricName of ['Errors', 'Throttles']) {
        expect(alarms).toContainEqual(
          expect.objectContaining({
            Namespace: 'AWS/Lambda',
            MetricName: metricName,
            Dimensions: [{ Name: 'FunctionName', Value: functionRef }],
            Threshold: 1,
          }),
        );
      }
    }
  });
});

describe('dashboard and outputs', () => {
  it('draws the stage dashboard with alarms, API, deliveries per tenant, functions and WAF', () => {
    const [dashboard] = Object.values(hub.ofType('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);

    expect(dashboard?.Properties.DashboardName).toBe('OcpiHub-dev');
    for (const title of [
      'Alarms',
      'API requests and errors',
      'Deliveries per tenant',
      'Function errors',
      'WAF blocked requests by rule',
    ]) {
      expect(body).toContain(title);
    }
    expect(body).toContain('MetricName=\\\\\\"DeliveriesFailed\\\\\\"');
    // Every metric the functions emit (functions/metric-names.ts) is on it.
    for (const metric of Object.keys(METRIC_DIMENSIONS)) {
      expect(body).toContain(`MetricName=\\\\\\"${metric}\\\\\\"`);
    }
  });

  it('outputs per tenant its versions URL, admin URL and table, plus the alarm topic', () => {
    const outputs = hub.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const alpha = JSON.stringify(outputs.TenantAlpha?.Value);

    expect(alpha).toContain('/alpha/ocpi/versions');
    expect(alpha).toContain('/alpha/admin');
    expect(alpha).toContain('test-hub-dev-alpha');
    expect(JSON.stringify(outputs.TenantBetaNet?.Value)).toContain('/beta-net/ocpi/versions');
    expect(outputs.AlarmTopicArn?.Value).toEqual({ Ref: topicId });
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['PublicUrl', 'DeadLetterQueueUrl', 'DashboardName']),
    );
  });
});

describe('logs', () => {
  it('writes JSON access logs carrying the request id, never a header or the request path', () => {
    const [stage] = Object.values(hub.ofType('AWS::ApiGateway::Stage')) as Resource[];
    const format = JSON.parse(
      (stage?.Properties.AccessLogSetting as { Format: string } | undefined)?.Format ?? '{}',
    ) as Record<string, string>;

    expect(format).toMatchObject({
      requestId: '$context.requestId',
      integrationRequestId: '$context.awsEndpointRequestId',
      status: '$context.status',
      resourcePath: '$context.resourcePath',
    });
    expect(Object.values(format).filter((v) => /header|\$context\.path/i.test(v))).toEqual([]);
  });

  it('logs every WAF decision to its aws-waf-logs group without the Authorization header or the path', () => {
    const [logging] = Object.values(hub.ofType('AWS::WAFv2::LoggingConfiguration'));

    expect(JSON.stringify(logging?.Properties.LogDestinationConfigs)).toContain(
      ':log-group:aws-waf-logs-ocpi-hub-dev"',
    );
    expect(logging?.Properties.RedactedFields).toEqual([
      { SingleHeader: { Name: 'authorization' } },
      { UriPath: {} },
    ]);
  });
});
