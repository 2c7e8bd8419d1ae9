import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withApiGatewayRequestId } from '../../../functions/handlers/aws/api-gateway-request-id';
import { createAdminApp } from '../../../functions/http/admin-app';
import { startTestHub, type TestHub } from '../../support/test-hub';

type LambdaEvent = Parameters<ReturnType<typeof handle>>[0];

/** A REST API proxy event as API Gateway sends it to the admin function. */
function proxyEvent(requestId: string, headers: Record<string, string>): LambdaEvent {
  const event: APIGatewayProxyEvent = {
    httpMethod: 'GET',
    path: '/demo/admin/partners',
    resource: '/{tenant}/admin/{proxy+}',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { tenant: 'demo', proxy: 'partners' },
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { requestId, path: '/dev/demo/admin/partners', stage: 'dev' } as never,
  };
  return event as unknown as LambdaEvent;
}

let hub: TestHub;
let adminHandler: ReturnType<typeof handle>;

beforeAll(async () => {
  hub = await startTestHub();
  adminHandler = handle(createAdminApp(hub.runtime));
}, 60_000);

afterAll(() => hub?.stop());

describe('X-Request-ID behind API Gateway', () => {
  it("answers with API Gateway's request id when the caller sent no X-Request-ID", async () => {
    const event = withApiGatewayRequestId(proxyEvent('c0ffee00-1111-4222-8333-444455556666', { Host: 'x' }));

    const response = (await adminHandler(event, {} as Context)) as {
      multiValueHeaders?: Record<string, string[]>;
    };

    expect(response.multiValueHeaders?.['x-request-id']).toEqual(['c0ffee00-1111-4222-8333-444455556666']);
  });

  it("keeps the caller's own X-Request-ID", async () => {
    const event = withApiGatewayRequestId(
      proxyEvent('c0ffee00-1111-4222-8333-444455556666', { 'x-request-id': 'partner-chosen-id' }),
    );

    const response = (await adminHandler(event, {} as Context)) as {
      multiValueHeaders?: Record<string, string[]>;
    };

    expect(response.multiValueHeaders?.['x-request-id']).toEqual(['partner-chosen-id']);
  });
});
