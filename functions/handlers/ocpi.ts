import { handle } from 'hono/aws-lambda';
import { OCPI_MODULES_221 } from '../http/ocpi/modules-221';
import { createOcpiApp } from '../http/ocpi-app';
import { withApiGatewayRequestId } from './aws/api-gateway-request-id';
import { awsRuntime } from './aws/aws-runtime';

let app: ReturnType<typeof handle> | undefined;
export const handler: ReturnType<typeof handle> = async (event, context) => {
  app ??= handle(createOcpiApp(await awsRuntime(), OCPI_MODULES_221));
  return app(withApiGatewayRequestId(event), context);
};
