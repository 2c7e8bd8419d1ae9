import { handle } from 'hono/aws-lambda';
import { OCPI_MODULES_221 } from '../http/ocpi/modules-221';
import { OCPI_MODULES_211 } from '../http/ocpi/v211/modules-211';
import { createOcpiApp } from '../http/ocpi-app';
import { awsRuntime } from './aws/aws-runtime';
import { startedAtInit } from './aws/started-at-init';

const app = startedAtInit(async () =>
  handle(createOcpiApp(await awsRuntime(), OCPI_MODULES_221, OCPI_MODULES_211)),
);
await app.ready;

export const handler: ReturnType<typeof handle> = async (event, context) => (await app.get())(event, context);
