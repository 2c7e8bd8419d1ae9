import { handle } from 'hono/aws-lambda';
import { createAdminApp } from '../http/admin-app';
import { withApiGatewayRequestId } from './aws/api-gateway-request-id';
import { awsRuntime } from './aws/aws-runtime';

let app: ReturnType<typeof handle> | undefined;
export const handler: ReturnType<typeof handle> = async (event, context) => {
  app ??= handle(createAdminApp(await awsRuntime()));
  return app(withApiGatewayRequestId(event), context);
};
