import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { HubFunction } from './hub-function';

export interface StreamDeliveryProps {
  readonly delivery: HubFunction;
  readonly tables: Iterable<dynamodb.Table>;
}

/**
 * Feeds every tenant table's stream to the delivery function. A failing batch is split until the bad
 * record is isolated, retried a few times, and finally described in an SQS dead-letter queue, so one
 * unreachable partner cannot block the stream shard for a day.
 */
export class StreamDelivery extends Construct {
  readonly deadLetterQueue: sqs.Queue;

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

    for (const table of props.tables) {
      props.delivery.function.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(1),
          retryAttempts: 5,
          bisectBatchOnError: true,
          maxRecordAge: Duration.hours(6),
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(this.deadLetterQueue),
        }),
      );
    }

    Validations.of(props.delivery.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "Lambda's event source mapping polls the table streams with the function's own role, and " +
        'dynamodb:ListStreams has no resource-level permission; X-Ray PutTraceSegments and ' +
        'PutTelemetryRecords have none either. The role holds no item permission on any table: item ' +
        'access goes through the tenant access role.',
    });
  }
}
