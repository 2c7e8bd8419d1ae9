import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHubConfig } from '../../../functions/config';
import { generateKeyMaterial, type KeyMaterial, TokenKeys } from '../../../functions/hub/auth/token-keys';
import { type LocalHub, startLocalHub } from '../../../functions/local/local-hub';
import { createSimulatedPlatform, type SimulatedPlatform } from '../../partners';
import { testDynamoEndpoint } from '../../support/dynamo';
import { at, locationOf } from '../objects/object-fixtures';

// biome-ignore lint/suspicious/noExplicitAny: admin answers are read field by field
type AdminAnswer = { status: number; body: any };

const FIRST_ADMIN_TOKEN = 'rekey-first-admin-token-0001';

/**
 * docs/operations.md "Rotate keys", step by step, on one set of tables: the hub restarted with new
 * key material (and the old one as previous), then every partner rotated and the admin token
 * replaced, then restarted with the new material alone. Each restart is what a Lambda cold start
 * after a change of the keys secret does.
 */
describe('re-keying the token key material', () => {
  const config = parseHubConfig(
    {
      tablePrefix: `t${randomUUID().slice(0, 8)}-`,
      tenants: [
        {
          id: 'demo',
          name: 'Demo network',
          hub: { country_code: 'NL', party_id: 'HUB', name: 'Demo Hub' },
          outbound: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 2_000 },
        },
      ],
    },
    'test config',
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-rekey-'));
  const oldMaterial = generateKeyMaterial();
  const newMaterial = generateKeyMaterial();
  const platforms: SimulatedPlatform[] = [];
  let hub: LocalHub | undefined;
  let port = 0;
  let cpo: SimulatedPlatform;
  let emsp: SimulatedPlatform;
  let forgotten: SimulatedPlatform;
  const partnerIds = new Map<SimulatedPlatform, string>();

  /** Stops the running hub and starts it again on the same port and tables with these keys. */
  async function restartWith(current: KeyMaterial, previous?: KeyMaterial): Promise<void> {
    await hub?.stop();
    hub = await startLocalHub({
      config,
      dataDir,
      port,
      dynamoEndpoint: testDynamoEndpoint(),
      logLevel: 'ERROR',
      keys: new TokenKeys(current, previous),
      ...(port === 0 ? { adminToken: FIRST_ADMIN_TOKEN } : {}),
      delivery: { pollIntervalMs: 50 },
    });
    port = hub.port;
  }

  const admin = async (token: string, method: string, path: string, body?: unknown): Promise<AdminAnswer> => {
    const res = await fetch(`${hub?.url}/demo/admin${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  async function registered(role: 'CPO' | 'EMSP', partyId: string): Promise<SimulatedPlatform> {
    const platform = await createSimulatedPlatform({
      roles: [{ role, country_code: 'NL', party_id: partyId }],
      previousTokenGraceMs: 60_000,
    });
    platforms.push(platform);
    const created = await admin(FIRST_ADMIN_TOKEN, 'POST', '/partners', {
      name: partyId,
      roles: [{ role, country_code: 'NL', party_id: partyId }],
    });
    await platform.registerWith(created.body.versions_url, created.body.token_a);
    partnerIds.set(platform, created.body.id);
    return platform;
  }

  /** A location the CPO pushes reaches the eMSP: inbound auth of one, outbound token of the other. */
  async function pushReachesEmsp(locationId: string, minute: number): Promise<void> {
    const pushed = await cpo.pushLocation(
      locationOf({ country_code: 'NL', party_id: 'CP1' }, locationId, at(minute)),
    );
    expect(pushed.status).toBe(201);
    await emsp.waitFor(
      () => emsp.received.some((r) => r.module === 'locations' && r.path.endsWith(`/${locationId}`)),
      10_000,
    );
  }

  beforeAll(async () => {
    await restartWith(oldMaterial);
    cpo = await registered('CPO', 'CP1');
    emsp = await registered('EMSP', 'EM1');
    forgotten = await registered('EMSP', 'EM2');
  });
  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps partners and admin tokens working with the new material while the old one is previous', async () => {
    // Prepare
    await restartWith(newMaterial, oldMaterial);
    // Act
    const pulled = await emsp.hubRequest('GET', 'locations');
    const adminCall = await admin(FIRST_ADMIN_TOKEN, 'GET', '/partners');
    // Assess
    expect(pulled.status).toBe(200);
    expect((pulled.body as { status_code: number }).status_code).toBe(1000);
    expect(adminCall.status).toBe(200);
    await pushReachesEmsp('LOC-DURING', 1);
  });

  it('moves each rotated partner and a new admin token to the new material', async () => {
    // Act
    const rotations = await Promise.all(
      [cpo, emsp].map((p) => admin(FIRST_ADMIN_TOKEN, 'POST', `/partners/${partnerIds.get(p)}/rotate`)),
    );
    const created = await admin(FIRST_ADMIN_TOKEN, 'POST', '/tokens', { name: 'after re-key' });
    const listed = await admin(created.body.token, 'GET', '/tokens');
    const first = listed.body.tokens.find((t: { name: string }) => t.name === 'HUB_ADMIN_TOKEN');
    const revoked = await admin(created.body.token, 'DELETE', `/tokens/${first.id}`);
    // Assess
    expect(rotations.map((r) => r.status)).toEqual([200, 200]);
    expect(created.status).toBe(201);
    expect(revoked.status).toBe(200);
    await restartWith(newMaterial);
    expect((await admin(created.body.token, 'GET', '/partners')).status).toBe(200);
    const pulled = await emsp.hubRequest('GET', 'locations');
    expect((pulled.body as { status_code: number }).status_code).toBe(1000);
    await pushReachesEmsp('LOC-AFTER', 2);
  });

  it('locks out a partner that was not rotated once the previous material is removed', async () => {
    // Act
    const pulled = await forgotten.hubRequest('GET', 'locations');
    // Assess
    expect(pulled.status).toBe(401);
  });
});
