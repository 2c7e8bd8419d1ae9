import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tableNameOf } from '../../functions/config';
import { testDynamoClient } from '../support/dynamo';
import { captureLogs, type LogCapture, tokenForms } from '../support/log-capture';
import { startTestHub, type TestHub } from '../support/test-hub';

let offsetMs = 0;
const clock = () => Date.now() + offsetMs;

/** Issue #10 finding 7: named, expiring, revocable admin tokens, kept only as keyed hashes. */
describe('admin tokens', () => {
  let hub: TestHub;
  let logs: LogCapture;

  beforeAll(async () => {
    logs = captureLogs();
    hub = await startTestHub({ now: clock, logLevel: 'WARN' });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await hub?.stop();
  });

  const asToken = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${hub.url}/demo/admin${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('creates a named token with an expiry, shown once and never cached, and it works at once', async () => {
    // Act
    const res = await asToken(hub.adminTokens.get('demo') as string, 'POST', '/tokens', {
      name: 'ops alice',
      expires_in_days: 30,
    });
    const created = (await res.json()) as Record<string, unknown>;
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(created).toMatchObject({ name: 'ops alice', expired: false, token: expect.any(String) });
    const lifetimeDays = (Date.parse(created.expires_at as string) - clock()) / 86_400_000;
    expect(lifetimeDays).toBeGreaterThan(29.9);
    expect(lifetimeDays).toBeLessThanOrEqual(30);
    expect((await asToken(created.token as string, 'GET', '/partners')).status).toBe(200);
    expect(logs.securityEvents('admin_token_created').map((e) => e.admin_token_id)).toEqual([created.id]);
  });

  it('lists tokens with id, name and expiry, never the secret or its hash', async () => {
    // Prepare
    const created = await hub.admin('POST', '/tokens', { name: 'ci pipeline' });
    const token = created.body.token as string;
    // Act
    const list = await hub.admin('GET', '/tokens');
    // Assess
    expect(list.status).toBe(200);
    const entry = list.body.tokens.find((t: { id: string }) => t.id === created.body.id);
    expect(entry).toEqual({
      id: created.body.id,
      name: 'ci pipeline',
      created_at: expect.any(String),
      expires_at: expect.any(String),
      expired: false,
    });
    const listText = JSON.stringify(list.body);
    for (const form of [...tokenForms(token), hub.runtime.keys.hash(token)])
      expect(listText).not.toContain(form);
    for (const form of tokenForms(hub.adminTokens.get('demo') as string))
      expect(listText).not.toContain(form);
  });

  it('refuses a revoked token on the very next request, and a second revocation finds nothing', async () => {
    // Prepare
    const created = await hub.admin('POST', '/tokens', { name: 'leaving' });
    const token = created.body.token as string;
    expect((await asToken(token, 'GET', '/partners')).status).toBe(200);
    // Act
    const revoked = await hub.admin('DELETE', `/tokens/${created.body.id}`);
    const after = await asToken(token, 'GET', '/partners');
    // Assess
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.body.id, name: 'leaving', revoked: true });
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
    });
    expect((await hub.admin('DELETE', `/tokens/${created.body.id}`)).status).toBe(404);
    expect((await hub.admin('GET', '/tokens')).body.tokens.map((t: { id: string }) => t.id)).not.toContain(
      created.body.id,
    );
  });

  it('refuses an expired token with the same answer as an unknown one; the log tells them apart', async () => {
    // Prepare
    const created = await hub.admin('POST', '/tokens', { name: 'short-lived', expires_in_days: 1 });
    offsetMs += 2 * 86_400_000;
    logs.clear();
    // Act
    const expired = await asToken(created.body.token, 'GET', '/partners');
    const unknown = await asToken('never-issued-admin-token-0123456789', 'GET', '/partners');
    // Assess
    expect([expired.status, unknown.status]).toEqual([401, 401]);
    expect(await expired.json()).toEqual(await unknown.json());
    expect(logs.securityEvents('admin_auth_failed').map((e) => e.reason)).toEqual(['expired', 'unknown']);
    const listed = (await hub.admin('GET', '/tokens')).body.tokens;
    expect(listed.find((t: { id: string }) => t.id === created.body.id)).toMatchObject({ expired: true });
  });

  it.each([
    [{}, /^name: /],
    [{ name: '   ' }, /^name: /],
    [{ name: 'x', expires_in_days: 0 }, /^expires_in_days: /],
    [{ name: 'x', expires_in_days: 100_000 }, /^expires_in_days: /],
    [{ name: 'x', token: 'chosen-by-the-caller' }, /token/],
  ])('answers 400 naming the field for the body %j', async (body, message) => {
    // Act
    const res = await hub.admin('POST', '/tokens', body);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toMatch(message);
  });

  it('keeps no admin token in any form in the tenant table', async () => {
    // Prepare
    const created = await hub.admin('POST', '/tokens', { name: 'dump check' });
    // Act
    const dump = await testDynamoClient().send(
      new ScanCommand({ TableName: tableNameOf(hub.config, 'demo') }),
    );
    // Assess
    const tableText = JSON.stringify(dump.Items);
    expect(tableText).toContain('dump check');
    for (const token of [created.body.token, hub.adminTokens.get('demo') as string])
      for (const form of tokenForms(token)) expect(tableText).not.toContain(form);
  });
});
