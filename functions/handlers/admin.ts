import { handle } from 'hono/aws-lambda';
import { createAdminApp } from '../http/admin-app';
import { awsRuntime } from './aws/aws-runtime';
import { startedAtInit } from './aws/started-at-init';

const app = startedAtInit(async () => handle(createAdminApp(await awsRuntime())));
await app.ready;

export const handler: ReturnType<typeof handle> = async (event, context) => (await app.get())(event, context);
