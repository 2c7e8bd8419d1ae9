import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DELIVERY_STREAM_FILTER_PATTERNS } from '../../functions/store/stream-changes';
import type { HubFunction } from './hub-function';

/** Batches of one stream shard handled at once (the delivery function's reserved concurrency is 10+). */
export const DELIVERY_PARALLELIZATION = 5;

export interface StreamDeliveryProps {
  readonly delivery: HubFunction;
  /** Tenant id -> table (created or referenced). */
  readonly tables: ReadonlyMap<string, dynamodb.ITable>;
  /** Prefix every table name of this stage starts with: the stream permission covers exactly those. */
  readonly tablePrefix: string;
  readonly tableKey: kms.IKey;
  /** Event filter patterns (lambda.FilterCriteria.filter) limiting which changes invoke delivery. */
  readonly filters?: readonly Record<string, unknown>[];
}

/**
 * Feeds every tenant table's stream to the delivery function. The handler reports the records it could
 * not handle (ReportBatchItemFailures); a failing batch is split until the bad record is isolated,
 * retried a few times, and finally described in an SQS dead-letter queue, so one unreachable partner
 * cannot block the stream shard for a day. Mapping ids are per tenant, so a table that moves from
 * managed to referenced (docs/operations.md "Stages") keeps its mapping and its stream position.
 *
 * Latency (issue #12: CPO's 200 to the last eMSP within 500 ms): no batching window, so a batch is
 * handed over as soon as records are there, and up to DELIVERY_PARALLELIZATION batches of a shard at
 * once. Lambda keeps the records of one partition key in one of those batches, in order; the table's
 * partition key of an outbox message is its object (`OUTBOX#<object key>`), so messages of one object
 * still reach the worker in sequence (and the worker reads them back under the object's fan-out lease
 * anyway: functions/hub/delivery/fan-out.ts).
 */
export class StreamDelivery extends Construct {
  readonly deadLetterQueue: sqs.Queue;
  readonly mappings: ReadonlyMap<string, lambda.EventSourceMapping>;

  constructor(scope: Construct, id: string, props: StreamDeliveryProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the stream event source mappings.',
    });

    const fn = props.delivery.function;
    const mappings = new Map<string, lambda.EventSourceMapping>();
    for (const [tenantId, table] of props.tables) {
      if (!table.tableStreamArn) throw new Error(`table of tenant ${tenantId} has no stream`);
      mappings.set(
        tenantId,
        new lambda.EventSourceMapping(this, `Stream-${tenantId}`, {
          target: fn,
          eventSourceArn: table.tableStreamArn,
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          parallelizationFactor: DELIVERY_PARALLELIZATION,
          retryAttempts: 5,
          bisectBatchOnError: true,
          maxRecordAge: Duration.hours(6),
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(this.deadLetterQueue),
          // By default only the changes the delivery code acts on (functions/store/stream-changes.ts).
          filters: [
            ...(props.filters ??
              DELIVERY_STREAM_FILTER_PATTERNS.map((pattern) =>
                lambda.FilterCriteria.filter(pattern as Record<string, unknown>),
              )),
          ],
        }),
      );
    }
    this.mappings = mappings;

    // One statement for every stream of this stage (not one per table: 100 tenants would overflow
    // the role's policy size).
    const stack = Stack.of(this);
    const streams = stack.formatArn({
      service: 'dynamodb',
      resource: 'table',
      resourceName: `${props.tablePrefix}*/stream/*`,
    });
    props.delivery.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streams],
      }),
    );
    props.delivery.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }),
    );
    props.tableKey.grantDecrypt(props.delivery.role);
    for (const mapping of mappings.values()) mapping.node.addDependency(props.delivery.role);

    Validations.of(props.delivery.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          "Lambda's event source mapping polls the table streams with the function's own role, and " +
          'dynamodb:ListStreams has no resource-level permission; X-Ray PutTraceSegments and ' +
          'PutTelemetryRecords have none either. The role holds no item permission on any table: item ' +
          'access goes through the tenant access role.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${props.tablePrefix}*/stream/*]`,
        reason:
          "Stream reads of this stage's tenant tables only (their names start with the stage's table " +
          'prefix); one wildcard statement instead of one per tenant keeps the policy small at 100 tenants.',
      },
    );
  }
}
