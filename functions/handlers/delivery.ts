import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handleStreamEvent } from './aws/aws-entry';

export const handler = (event: DynamoDBStreamEvent): Promise<void> => handleStreamEvent(event);
