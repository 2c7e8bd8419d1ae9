import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHubConfig } from '../../functions/config';
import { at, locationOf } from '../hub/objects/object-fixtures';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { testDynamoEndpoint } from '../support/dynamo';
import { eventually } from '../support/eventually';
import { type BundledHub, EXECUTION_ROLE_KEY_ID, startBundledHub } from './bundled-hub';
import { mappedBatches, streamMappingOf, type TableStream, tableStream } from './table-stream';

/**
 * The Lambda bundles `cdk deploy` would upload (not the TypeScript sources), each in its own Node
 * process, driven the way AWS drives them: REST proxy events from API Gateway, DynamoDB stream
 * batches through the event source mapping's filter, EventBridge rule inputs, against DynamoDB Local
 * with STS and Secrets Manager on loopback. One synth per run; the processes serve every test.
 */
const TENANTS = parseHubConfig(
  {
    tablePrefix: `bundles-${randomUUID().slice(0, 8)}-`,
    tenants: [
      {
        id: 'alpha',
        name: 'Alpha roaming network',
        hub: { country_code: 'NL', party_id: 'HUB', name: 'Alpha Hub' },
        // The simulated partners listen on loopback over plain HTTP (the dev stage allows it).
        outbound: { allowHttp: true, allowPrivateAddresses: true },
      },
      {
        id: 'beta',
        name: 'Beta roaming network',
        hub: { country_code: 'DE', party_id: 'BET', name: 'Beta Hub' },
      },
    ],
  },
  'bundle test tenants',
);
const CPO = { country_code: 'NL', party_id: 'CPB' };
const EMSP = { country_code: 'NL', party_id: 'EMB' };

type Json = Record<string, unknown>;

let hub: BundledHub;
let adminToken: string;
let stream: TableStream;
const platforms: SimulatedPlatform[] = [];

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${hub.gateway.url}/alpha/admin${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/**
 * Hands the delivery function what the table stream's event source mapping would: the new records
 * its filter lets through, in batches; the function's answers (`batchItemFailures`) per batch.
 */
async function runStreamThroughDelivery(): Promise<{ records: number; answers: unknown[] }> {
  const batches = mappedBatches(streamMappingOf(hub.bundles.template), await stream.next());
  const answers: unknown[] = [];
  for (const batch of batches) answers.push(await hub.delivery.invoke({ Records: batch }));
  return { records: batches.flat().length, answers };
}

/** Runs the stream until the delivery function's own writes stop invoking it (they queue pushes). */
async function drainStreamThroughDelivery(): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (let round = 0; round < 10; round++) {
    const handed = await runStreamThroughDelivery();
    if (handed.records === 0) return answers;
    answers.push(...handed.answers);
  }
  throw new Error('the delivery function keeps being invoked by its own writes');
}

beforeAll(async () => {
  hub = await startBundledHub(TENANTS);
  stream = tableStream(testDynamoEndpoint(), hub.tableOf('alpha'));
  const bootstrapped = await hub.bootstrapAdmin.invoke<Json>({ tenant: 'alpha', name: 'bundle test' });
  const secret = JSON.parse(hub.secrets.secrets.get(String(bootstrapped.secret_name)) ?? '{}') as Json;
  adminToken = String(secret.token);
}, 120_000);

afterAll(async () => {
  stream?.close();
  await Promise.all(platforms.map((p) => p.close()));
  await hub?.stop();
});

describe('the synthesized Lambda bundles', () => {
  let cpo: SimulatedPlatform;
  let emsp: SimulatedPlatform;
  let emspId: string;

  it('assume the tenant-access role per tenant, tagged with the tenant, and read the keys secret', () => {
    const assumed = hub.sts.calls.filter((c) => c.action === 'AssumeRole');
    expect(new Set(assumed.map((c) => c.input.RoleSessionName))).toEqual(
      new Set(['tenant-alpha', 'tenant-beta']),
    );
    for (const call of assumed) {
      expect(call.input.RoleArn).toMatch(/:role\/OcpiHub-dev-TenantAccessRole$/);
      expect(call.input['Tags.member.1.Key']).toBe('TenantId');
      expect(`tenant-${call.input['Tags.member.1.Value']}`).toBe(call.input.RoleSessionName);
      expect(call.credentialScope).toMatch(
        new RegExp(`^${EXECUTION_ROLE_KEY_ID}/\\d{8}/eu-west-1/sts/aws4_request$`),
      );
    }
    // The API functions build their runtime during init; the others at their first invocation.
    const keyReads = hub.secrets.calls.filter((c) =>
      c.input.SecretId?.endsWith(':secret:ocpi-hub/dev/keys-AbCdEf'),
    );
    expect(keyReads.length).toBeGreaterThanOrEqual(2);
    for (const read of keyReads) {
      expect(read.action).toBe('GetSecretValue');
      expect(read.credentialScope).toMatch(
        /^ASIAEXECUTIONROLE\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request$/,
      );
    }
  });

  it('bootstrap the first admin token into the tenant secret and answer the admin API with it', async () => {
    const health = await fetch(`${hub.gateway.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const tokens = await admin('GET', '/tokens');
    expect(tokens.status).toBe(200);
    expect(tokens.body.tokens).toEqual([expect.objectContaining({ name: 'bundle test', expired: false })]);
    expect(JSON.stringify(tokens.body)).not.toContain(adminToken);
  });

  it('onboard a CPO through the ocpi bundle, which calls the partner back over HTTP', async () => {
    cpo = await createSimulatedPlatform({ roles: [{ role: 'CPO', ...CPO }], previousTokenGraceMs: 60_000 });
    platforms.push(cpo);
    const created = await admin('POST', '/partners', {
      name: 'Bundle CPO',
      roles: [{ role: 'CPO', ...CPO }],
    });
    expect(created.status).toBe(201);
    // Partners get the stage's public URL, never an address of the function.
    expect(created.body.versions_url).toBe(`${hub.gateway.url}/alpha/ocpi/versions`);

    await cpo.registerWith(String(created.body.versions_url), String(created.body.token_a));

    expect(cpo.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /ocpi/versions', 'GET /ocpi/2.2.1']),
    );
    const shown = await admin('GET', `/partners/${created.body.id}`);
    expect(shown.body).toMatchObject({ status: 'CONNECTED', version: '2.2.1' });
  });

  it('connect an eMSP from the admin bundle, which runs the handshake with the partner', async () => {
    emsp = await createSimulatedPlatform({
      roles: [{ role: 'EMSP', ...EMSP }],
      previousTokenGraceMs: 60_000,
    });
    platforms.push(emsp);
    const created = await admin('POST', '/partners', {
      name: 'Bundle eMSP',
      roles: [{ role: 'EMSP', ...EMSP }],
    });
    emspId = String(created.body.id);

    const connected = await admin('POST', `/partners/${emspId}/connect`, {
      versions_url: emsp.versionsUrl,
      token: emsp.issueTokenA(),
    });

    expect(connected.status).toBe(200);
    expect(emsp.registered).toBe(true);
    expect(emsp.hubCredentials?.url).toBe(`${hub.gateway.url}/alpha/ocpi/versions`);
  });

  it('deliver a pushed location from its stream record, and the delivery-retry job retries a failed push', async () => {
    // The registrations' records go through first, as in AWS: party changes queue HubClientInfo
    // pushes, whose outbox messages invoke the function again.
    for (const answer of await drainStreamThroughDelivery())
      expect(answer).toEqual({ batchItemFailures: [] });
    expect(emsp.received.some((r) => r.module === 'hubclientinfo')).toBe(true);
    emsp.failNext(1, 'http500');

    const pushed = await cpo.pushLocation(locationOf(CPO, 'LOC-BUNDLE', at(1)));
    expect(pushed.status).toBe(201);
    const { records, answers } = await runStreamThroughDelivery();

    // Only the outbox message passes the filter: the pipeline's bookkeeping never invokes delivery.
    expect(records).toBe(1);
    expect(answers).toEqual([{ batchItemFailures: [] }]);
    expect(await drainStreamThroughDelivery()).toEqual([]);
    const failed = emsp.requests.find((r) => r.path.endsWith('/LOC-BUNDLE') && r.failedAs === 'http500');
    expect(failed?.method).toBe('PUT');
    const pending = await admin('GET', `/deliveries?partner=${emspId}&status=pending`);
    const delivery = (pending.body.deliveries as Json[])[0];
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_http_status: 500 });

    await eventually(() => Date.now() > Date.parse(String(delivery?.next_attempt_at)), {
      what: 'the retry to be due',
    });
    const job = hub.jobs.get('delivery-retry');
    expect(await job?.invoke(hub.scheduledEventOf('delivery-retry'))).toBeNull();

    expect(emsp.stored('locations', CPO.country_code, CPO.party_id, 'LOC-BUNDLE')).toMatchObject({
      id: 'LOC-BUNDLE',
      last_updated: at(1),
    });
    const delivered = await admin('GET', `/deliveries?partner=${emspId}&status=delivered`);
    expect(delivered.body.deliveries).toContainEqual(
      expect.objectContaining({ id: delivery?.id, module: 'locations', attempts: 2 }),
    );
  });
  it('log every request with ids that join the API Gateway access log, a caller-chosen X-Request-ID too', async () => {
    const send = (headers: Record<string, string>) =>
      fetch(`${hub.gateway.url}/alpha/ocpi/versions`, {
        headers: { authorization: 'Token nobody-holds-this', ...headers },
      });
    const own = await send({ 'X-Request-ID': `partner-${randomUUID()}` });
    const none = await send({});
    expect([own.status, none.status]).toEqual([401, 401]);

    for (const res of [own, none]) {
      const requestId = res.headers.get('x-request-id');
      const logged = await eventually(
        () =>
          hub.ocpi.logs.find((l) => l.security_event === 'ocpi_auth_failed' && l.request_id === requestId),
        { what: `the ocpi function's log line of ${requestId}` },
      );
      const access = hub.gateway.accessLog.find((line) => line.requestId === logged.api_request_id);
      expect(access).toMatchObject({ status: '401', resourcePath: '/{tenant}/ocpi/{proxy+}' });
    }
    // Without its own id the caller gets API Gateway's: the access log's requestId is the X-Request-ID.
    expect(hub.gateway.accessLog.map((line) => line.requestId)).toContain(none.headers.get('x-request-id'));
    expect(hub.gateway.accessLog.map((line) => line.requestId)).not.toContain(
      own.headers.get('x-request-id'),
    );
  });
});
