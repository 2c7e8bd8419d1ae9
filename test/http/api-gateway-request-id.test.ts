import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminApp } from '../../functions/http/admin-app';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { startTestHub, type TestHub } from '../support/test-hub';

type LambdaEvent = Parameters<ReturnType<typeof handle>>[0];
type ProxyAnswer = { statusCode: number; multiValueHeaders?: Record<string, string[]> };

const GATEWAY_ID = 'c0ffee00-1111-4222-8333-444455556666';

/** A REST API proxy event as API Gateway sends it to the admin function, with a token nobody holds. */
function proxyEvent(headers: Record<string, string>): LambdaEvent {
  const all = { authorization: 'Bearer not-an-admin-token-of-this-tenant', ...headers };
  const event: APIGatewayProxyEvent = {
    httpMethod: 'GET',
    path: '/demo/admin/partners',
    resource: '/{tenant}/admin/{proxy+}',
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { tenant: 'demo', proxy: 'partners' },
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { requestId: GATEWAY_ID, path: '/dev/demo/admin/partners', stage: 'dev' } as never,
  };
  return event as unknown as LambdaEvent;
}

let hub: TestHub;
let logs: LogCapture;
let adminHandler: ReturnType<typeof handle>;

beforeAll(async () => {
  logs = captureLogs();
  hub = await startTestHub({ logLevel: 'WARN' });
  adminHandler = handle(createAdminApp(hub.runtime));
}, 60_000);

afterAll(() => hub?.stop());

async function send(headers: Record<string, string>) {
  logs.clear();
  const answer = (await adminHandler(proxyEvent(headers), {} as Context)) as ProxyAnswer;
  return { answer, logged: logs.securityEvents('admin_auth_failed') };
}

describe('X-Request-ID behind API Gateway', () => {
  it("answers and logs API Gateway's request id when the caller sent no X-Request-ID", async () => {
    const { answer, logged } = await send({ Host: 'x' });

    expect(answer.statusCode).toBe(401);
    expect(answer.multiValueHeaders?.['x-request-id']).toEqual([GATEWAY_ID]);
    expect(logged).toEqual([expect.objectContaining({ request_id: GATEWAY_ID, api_request_id: GATEWAY_ID })]);
  });

  it("keeps the caller's own X-Request-ID and logs API Gateway's beside it", async () => {
    const { answer, logged } = await send({ 'x-request-id': 'partner-chosen-id' });

    expect(answer.multiValueHeaders?.['x-request-id']).toEqual(['partner-chosen-id']);
    expect(logged).toEqual([
      expect.objectContaining({ request_id: 'partner-chosen-id', api_request_id: GATEWAY_ID }),
    ]);
  });

  it("uses API Gateway's request id for an X-Request-ID it cannot use", async () => {
    const { answer } = await send({ 'X-Request-ID': 'x'.repeat(300) });

    expect(answer.multiValueHeaders?.['x-request-id']).toEqual([GATEWAY_ID]);
  });
});
