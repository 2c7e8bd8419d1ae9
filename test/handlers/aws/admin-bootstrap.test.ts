import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type AdminTokenSecrets,
  type AdminTokenSecretValue,
  BootstrapAdminError,
  bootstrapAdmin,
} from '../../../functions/handlers/aws/admin-bootstrap';
import { captureLogs, type LogCapture, tokenForms } from '../../support/log-capture';
import { startTestHub, type TestHub } from '../../support/test-hub';

/** Secrets Manager's part, in memory: what the bootstrap function stored for each tenant. */
class MemorySecrets implements AdminTokenSecrets {
  readonly values = new Map<string, AdminTokenSecretValue>();
  nameOf(tenantId: string): string {
    return `ocpi-hub/test/admin-tokens/${tenantId}`;
  }
  async currentTokenId(tenantId: string): Promise<string | undefined> {
    return this.values.get(tenantId)?.admin_token_id;
  }
  async write(tenantId: string, value: AdminTokenSecretValue): Promise<void> {
    this.values.set(tenantId, value);
  }
}

const tenant = (id: string) => ({ id, name: id, hub: { country_code: 'NL', party_id: 'HUB', name: id } });

/** Issue #10 finding 9: the first admin token in AWS without anyone handling key material. */
describe('bootstrap-admin', () => {
  let hub: TestHub;
  let logs: LogCapture;

  beforeAll(async () => {
    logs = captureLogs();
    hub = await startTestHub({ tenants: [tenant('north'), tenant('south')], logLevel: 'WARN' });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await hub?.stop();
  });

  const status = async (tenantId: string, token: string) =>
    (await fetch(`${hub.url}/${tenantId}/admin/partners`, { headers: { Authorization: `Bearer ${token}` } }))
      .status;

  it('puts a named, expiring admin token of the tenant into its own secret and answers without it', async () => {
    // Prepare
    const secrets = new MemorySecrets();
    // Act
    const result = await bootstrapAdmin(hub.runtime, secrets, { tenant: 'north', name: 'first operator' });
    // Assess
    const stored = secrets.values.get('north');
    expect(stored).toMatchObject({
      tenant: 'north',
      admin_token_id: result.admin_token_id,
      name: 'first operator',
    });
    expect(result).toMatchObject({ tenant: 'north', secret_name: 'ocpi-hub/test/admin-tokens/north' });
    expect(JSON.stringify(result)).not.toContain(stored?.token);
    expect(await status('north', stored?.token as string)).toBe(200);
    expect(await status('south', stored?.token as string)).toBe(401);
    const days = (Date.parse(result.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    for (const form of tokenForms(stored?.token as string)) expect(logs.text()).not.toContain(form);
    expect(logs.securityEvents('admin_token_bootstrapped').map((e) => e.admin_token_id)).toEqual([
      result.admin_token_id,
    ]);
  });

  it('replaces the token of the secret on a second run and revokes the one it held', async () => {
    // Prepare
    const secrets = new MemorySecrets();
    const first = await bootstrapAdmin(hub.runtime, secrets, { tenant: 'south' });
    const firstToken = secrets.values.get('south')?.token as string;
    // Act
    const second = await bootstrapAdmin(hub.runtime, secrets, { tenant: 'south', expires_in_days: 1 });
    // Assess
    const secondToken = secrets.values.get('south')?.token as string;
    expect(second.revoked_admin_token_id).toBe(first.admin_token_id);
    expect(secondToken).not.toBe(firstToken);
    expect(await status('south', firstToken)).toBe(401);
    expect(await status('south', secondToken)).toBe(200);
  });

  it.each([
    [{ tenant: 'nowhere' }, /^event tenant: unknown tenant 'nowhere'/],
    [{}, /^event tenant: /],
    [{ tenant: 'north', expires_in_days: 0 }, /^event expires_in_days: /],
    [{ tenant: 'north', token: 'chosen-by-the-caller' }, /token/],
  ])('refuses the event %j naming the field, and stores nothing', async (event, message) => {
    // Prepare
    const secrets = new MemorySecrets();
    // Act
    const run = bootstrapAdmin(hub.runtime, secrets, event);
    // Assess
    await expect(run).rejects.toThrow(BootstrapAdminError);
    await expect(run).rejects.toThrow(message);
    expect(secrets.values.size).toBe(0);
  });
});
