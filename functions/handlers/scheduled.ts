import { handleScheduledEvent } from './aws/aws-entry';

export const handler = (event: { job?: unknown }): Promise<void> => handleScheduledEvent(event);
