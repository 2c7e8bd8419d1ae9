import { handleScheduledEvent } from '../hub/delivery/aws-entry';

export const handler = (event: { job?: unknown }): Promise<void> => handleScheduledEvent(event);
