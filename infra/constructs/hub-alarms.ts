import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HUB_METRICS } from '../../functions/metric-names';
import type { HubFunction } from './hub-function';

const FIVE_MINUTES = Duration.minutes(5);

/** Failed share of delivery attempts that alarms, once a tenant made at least MIN_DELIVERIES. */
const DELIVERY_FAILURE_RATE_THRESHOLD = 0.25;
const MIN_DELIVERIES = 10;
/** Share of API requests answered 5xx that alarms, once there were at least MIN_REQUESTS. */
const SERVER_ERROR_RATE_THRESHOLD = 0.05;
const MIN_REQUESTS = 20;

const deliveryMetric = (name: string, tenantId: string): cloudwatch.Metric =>
  new cloudwatch.Metric({
    namespace: HUB_METRICS.namespace,
    metricName: name,
    dimensionsMap: { [HUB_METRICS.tenantDimension]: tenantId },
    statistic: cloudwatch.Stats.SUM,
    period: FIVE_MINUTES,
  });

export interface HubAlarmsProps {
  readonly stage: string;
  readonly tenantIds: readonly string[];
  readonly functions: readonly HubFunction[];
  readonly api: apigateway.RestApi;
  readonly deadLetterQueue: sqs.IQueue;
  readonly alarmEmail?: string;
}

/**
 * Alarms to one SNS topic (docs/operations.md "Read the alarms"): dead letters waiting, a tenant's
 * delivery failure rate, the API's 5xx rate, and errors and throttles of every function.
 */
export class HubAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: HubAlarmsProps) {
    super(scope, id);
    // CloudWatch publishes to an encrypted topic only with a customer key whose policy lets it.
    const key = new kms.Key(this, 'TopicKey', {
      description: `Encrypts the OCPI hub alarm topic (stage ${props.stage})`,
      enableKeyRotation: true,
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `OCPI hub ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const action = new actions.SnsAction(this.topic);
    const add = (alarmId: string, alarmProps: cloudwatch.AlarmProps) => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...alarmProps,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };

    add('DeadLetters', {
      alarmDescription: 'Stream records gave up on and described in the delivery dead-letter queue',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });

    for (const tenantId of props.tenantIds) {
      add(`DeliveryFailureRate-${tenantId}`, {
        alarmDescription: `Tenant ${tenantId}: more than ${DELIVERY_FAILURE_RATE_THRESHOLD * 100}% of pushes to partners failed for 15 minutes`,
        metric: new cloudwatch.MathExpression({
          expression: `IF(sent + failed >= ${MIN_DELIVERIES}, failed / (sent + failed), 0)`,
          usingMetrics: {
            sent: deliveryMetric(HUB_METRICS.deliveriesSent, tenantId),
            failed: deliveryMetric(HUB_METRICS.deliveriesFailed, tenantId),
          },
          period: FIVE_MINUTES,
          label: `delivery failure rate ${tenantId}`,
        }),
        threshold: DELIVERY_FAILURE_RATE_THRESHOLD,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
      });
    }

    add('ServerErrorRate', {
      alarmDescription: `More than ${SERVER_ERROR_RATE_THRESHOLD * 100}% of API requests answered 5xx for 15 minutes`,
      metric: new cloudwatch.MathExpression({
        expression: `IF(requests >= ${MIN_REQUESTS}, errors / requests, 0)`,
        usingMetrics: {
          errors: props.api.metricServerError({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
          requests: props.api.metricCount({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
        },
        period: FIVE_MINUTES,
        label: 'API 5xx rate',
      }),
      threshold: SERVER_ERROR_RATE_THRESHOLD,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });

    for (const fn of props.functions) {
      const name = fn.node.id;
      add(`Errors-${name}`, {
        alarmDescription: `Function ${name}: invocations ended in an error`,
        metric: fn.function.metricErrors({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      add(`Throttles-${name}`, {
        alarmDescription: `Function ${name}: invocations throttled (reserved or account concurrency)`,
        metric: fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
  }
}
