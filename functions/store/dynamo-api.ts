import { randomUUID } from 'node:crypto';
import type {
  BatchGetItemInput,
  BatchGetItemOutput,
  BatchWriteItemInput,
  BatchWriteItemOutput,
  CancellationReason,
  DeleteItemInput,
  DeleteItemOutput,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  PutItemOutput,
  QueryInput,
  QueryOutput,
  TransactWriteItemsInput,
  TransactWriteItemsOutput,
  UpdateItemInput,
  UpdateItemOutput,
} from '@aws-sdk/client-dynamodb';
import { type AwsAnswer, type AwsClientOptions, AwsHttpClient, AwsServiceError } from '../aws/aws-http';

/**
 * The DynamoDB data-plane calls of the hub over DynamoDB's JSON protocol, on the hub's own AWS
 * transport instead of the SDK client. The command classes keep the SDK's names and input shapes
 * (the wire format), so code that counts calls by `command.constructor.name` and `command.input`
 * reads them the same way. Table administration and streams (local runtime, tests) still use the SDK.
 */
abstract class DynamoCommand<Input, Output> {
  declare readonly output: Output;
  abstract readonly operation: string;
  constructor(readonly input: Input) {}
}

export class GetItemCommand extends DynamoCommand<GetItemInput, GetItemOutput> {
  readonly operation = 'GetItem';
}
export class BatchGetItemCommand extends DynamoCommand<BatchGetItemInput, BatchGetItemOutput> {
  readonly operation = 'BatchGetItem';
}
export class BatchWriteItemCommand extends DynamoCommand<BatchWriteItemInput, BatchWriteItemOutput> {
  readonly operation = 'BatchWriteItem';
}
export class PutItemCommand extends DynamoCommand<PutItemInput, PutItemOutput> {
  readonly operation = 'PutItem';
}
export class UpdateItemCommand extends DynamoCommand<UpdateItemInput, UpdateItemOutput> {
  readonly operation = 'UpdateItem';
}
export class DeleteItemCommand extends DynamoCommand<DeleteItemInput, DeleteItemOutput> {
  readonly operation = 'DeleteItem';
}
export class QueryCommand extends DynamoCommand<QueryInput, QueryOutput> {
  readonly operation = 'Query';
}
export class TransactWriteItemsCommand extends DynamoCommand<
  TransactWriteItemsInput,
  TransactWriteItemsOutput
> {
  readonly operation = 'TransactWriteItems';
}

type AnyCommand = DynamoCommand<unknown, unknown>;

/** A condition of a single-item write did not hold. */
export class ConditionalCheckFailedException extends AwsServiceError {
  /** The item as stored, when the write asked for it (ReturnValuesOnConditionCheckFailure). */
  readonly Item?: Record<string, unknown>;
  constructor(message: string, httpStatus: number, details: Record<string, unknown>) {
    super('ConditionalCheckFailedException', message, httpStatus, details);
    this.Item = details.Item as Record<string, unknown> | undefined;
  }
}

/** A transaction was refused as a whole; one reason per operation, in request order. */
export class TransactionCanceledException extends AwsServiceError {
  readonly CancellationReasons: CancellationReason[];
  constructor(message: string, httpStatus: number, details: Record<string, unknown>) {
    super('TransactionCanceledException', message, httpStatus, details);
    this.CancellationReasons = (details.CancellationReasons as CancellationReason[] | undefined) ?? [];
  }
}

export type DynamoClientOptions = Omit<AwsClientOptions, 'service'>;

export class DynamoClient {
  private readonly http: AwsHttpClient;

  constructor(options: DynamoClientOptions) {
    this.http = new AwsHttpClient({ ...options, service: 'dynamodb' }, dynamoError);
  }

  async send<C extends AnyCommand>(command: C): Promise<C['output']> {
    let input = command.input as Record<string, unknown>;
    // As the SDK does: a transaction retried after a lost answer must not apply twice (idempotency token).
    if (command.operation === 'TransactWriteItems' && input.ClientRequestToken === undefined) {
      input = { ...input, ClientRequestToken: randomUUID() };
    }
    const answer = await this.http.post(
      {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${command.operation}`,
      },
      JSON.stringify(input, binaryAsBase64),
    );
    return parseJson(answer.body) as C['output'];
  }
}

/** DynamoDB JSON carries binary attribute values (B, BS) as base64. */
function binaryAsBase64(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Uint8Array)
    return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64');
  return value;
}

function parseJson(text: string): unknown {
  if (!text) return {};
  // Binary values only occur as `"B":"..."` or `"BS":[...]`: documents without them skip the reviver.
  if (!text.includes('"B":') && !text.includes('"BS":')) return JSON.parse(text);
  return JSON.parse(text, (key, value: unknown) => {
    if (key === 'B' && typeof value === 'string') return Buffer.from(value, 'base64');
    if (key === 'BS' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      return value.map((v) => Buffer.from(v, 'base64'));
    }
    return value;
  });
}

function dynamoError(answer: AwsAnswer): AwsServiceError {
  let doc: Record<string, unknown> = {};
  try {
    doc = parseJson(answer.body) as Record<string, unknown>;
  } catch {
    // a proxy's HTML page or an empty 5xx: the status says enough
  }
  const type = typeof doc.__type === 'string' ? doc.__type : `HTTP${answer.status}`;
  const code = type.slice(type.lastIndexOf('#') + 1);
  const message = String(doc.message ?? doc.Message ?? `HTTP ${answer.status}`);
  if (code === 'ConditionalCheckFailedException')
    return new ConditionalCheckFailedException(message, answer.status, doc);
  if (code === 'TransactionCanceledException')
    return new TransactionCanceledException(message, answer.status, doc);
  return new AwsServiceError(code, message, answer.status, doc);
}
