import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type HubConfig, parseHubConfig } from '../../functions/config';
import { type LocalHub, startLocalHub } from '../../functions/local/local-hub';
import { startupBanner } from '../../functions/local/startup-banner';
import { testDynamoEndpoint } from '../support/dynamo';

/** Issue #10 finding 7: `npm start` shows a generated admin token only at the start that creates it. */
describe('admin tokens at local start-up', () => {
  const dirs: string[] = [];
  const hubs: LocalHub[] = [];
  afterAll(async () => {
    for (const hub of hubs) await hub.stop().catch(() => undefined);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const fresh = (): { config: HubConfig; dataDir: string } => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-admin-tokens-'));
    dirs.push(dataDir);
    const config = parseHubConfig(
      {
        tablePrefix: `a${randomUUID().slice(0, 8)}-`,
        tenants: [{ id: 'demo', name: 'Demo', hub: { country_code: 'NL', party_id: 'HUB', name: 'Hub' } }],
      },
      'test',
    );
    return { config, dataDir };
  };
  const start = async (config: HubConfig, dataDir: string, adminToken?: string) => {
    const hub = await startLocalHub({
      config,
      dataDir,
      port: 0,
      dynamoEndpoint: testDynamoEndpoint(),
      logLevel: 'ERROR',
      adminToken,
    });
    hubs.push(hub);
    return hub;
  };
  const partnersStatus = async (hub: LocalHub, token: string) =>
    (await fetch(`${hub.url}/demo/admin/partners`, { headers: { Authorization: `Bearer ${token}` } })).status;
  const banner = (hub: LocalHub, config: HubConfig) =>
    startupBanner({
      listenUrl: hub.url,
      publicUrl: hub.url,
      config,
      shownTokens: hub.adminTokens,
      fixedTokenFromEnv: false,
    });

  it('prints a generated token at the first start only; it keeps working after a restart', async () => {
    // Prepare
    const { config, dataDir } = fresh();
    const first = await start(config, dataDir);
    const token = first.adminTokens.get('demo') as string;
    const firstBanner = banner(first, config);
    await first.stop();
    // Act
    const second = await start(config, dataDir);
    const secondBanner = banner(second, config);
    // Assess
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(firstBanner).toContain(token);
    expect(second.adminTokens.size).toBe(0);
    expect(secondBanner).not.toContain(token);
    expect(secondBanner).toMatch(/admin token: +\(shown when it was created/);
    expect(await partnersStatus(second, token)).toBe(200);
    expect(existsSync(join(dataDir, 'admin-tokens.json'))).toBe(false);
  });

  it('adopts the clear-text admin-tokens.json of earlier releases as a named token and deletes the file', async () => {
    // Prepare
    const { config, dataDir } = fresh();
    const legacy = 'legacy-admin-token-kept-in-clear-0123';
    writeFileSync(join(dataDir, 'admin-tokens.json'), JSON.stringify({ demo: legacy }), { mode: 0o600 });
    // Act
    const hub = await start(config, dataDir);
    // Assess
    expect(hub.adminTokens.size).toBe(0);
    expect(existsSync(join(dataDir, 'admin-tokens.json'))).toBe(false);
    expect(await partnersStatus(hub, legacy)).toBe(200);
    const list = await fetch(`${hub.url}/demo/admin/tokens`, {
      headers: { Authorization: `Bearer ${legacy}` },
    });
    expect(((await list.json()) as { tokens: { name: string }[] }).tokens.map((t) => t.name)).toEqual([
      'from admin-tokens.json',
    ]);
  });

  it('registers HUB_ADMIN_TOKEN once, however often the hub starts with it', async () => {
    // Prepare
    const { config, dataDir } = fresh();
    const fixed = 'operator-chosen-admin-token-42';
    await (await start(config, dataDir, fixed)).stop();
    // Act
    const hub = await start(config, dataDir, fixed);
    const list = await fetch(`${hub.url}/demo/admin/tokens`, {
      headers: { Authorization: `Bearer ${fixed}` },
    });
    // Assess
    expect(((await list.json()) as { tokens: { name: string }[] }).tokens.map((t) => t.name)).toEqual([
      'HUB_ADMIN_TOKEN',
    ]);
  });
});
