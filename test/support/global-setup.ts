import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local';
import './provided-context';

/**
 * One in-memory DynamoDB Local for the whole run (each test file makes its own tables); about 3 s on
 * 2 cores, cheap enough to start even when only unit tests are selected. Vitest runs the returned
 * teardown whether tests pass or fail; the launcher also kills the JVM if this process exits.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const existing = process.env.DYNAMODB_ENDPOINT;
  if (existing) {
    project.provide('dynamoEndpoint', existing);
    return async () => {};
  }
  const startedAt = Date.now();
  const dynamo = await startDynamoDbLocal();
  console.log(`DynamoDB Local answered on ${dynamo.endpoint} after ${Date.now() - startedAt} ms`);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
