import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, locationOf } from '../hub/objects/object-fixtures';
import { createSimulatedPlatform, type SimulatedPlatform } from '../partners';
import { startTestHub, type TestHub } from '../support/test-hub';
import { type CliRun, runCli } from './run-cli';

const CP1 = { country_code: 'NL', party_id: 'CP1' };
const SLOW = 60_000;

/**
 * The README's onboarding walkthrough with the CLI as a child process against the real hub: a
 * profile, a partner-initiated and a hub-initiated onboarding, a push delivered and replayed,
 * rotations, admin tokens. Every output is kept to check that no token leaks into it.
 */
describe('ocpi-hub CLI: onboarding and operating', () => {
  let hub: TestHub;
  let home: string;
  let env: Record<string, string>;
  const platforms: SimulatedPlatform[] = [];
  const outputs: CliRun[] = [];
  const ids = { cpo: '', emsp: '' };
  let cpo: SimulatedPlatform;
  let emsp: SimulatedPlatform;

  const secrets = new Set<string>();
  const cli = async (args: string[], stdin?: string) => {
    // Every token in force before the call must stay out of its output.
    for (const token of [
      hub.adminTokens.get('demo'),
      cpo.hubToken,
      emsp.hubToken,
      cpo.inboundToken,
      emsp.inboundToken,
    ]) {
      if (token) secrets.add(token);
    }
    const result = await runCli(args, { env, stdin });
    outputs.push(result);
    return result;
  };

  beforeAll(async () => {
    hub = await startTestHub();
    home = mkdtempSync(join(tmpdir(), 'ocpi-hub-cli-'));
    env = { HOME: home, OCPI_HUB_PROFILES: join(home, 'config', 'profiles.json') };
    cpo = await createSimulatedPlatform({ roles: [{ role: 'CPO', ...CP1 }] });
    emsp = await createSimulatedPlatform({ roles: [{ role: 'EMSP', country_code: 'NL', party_id: 'EM1' }] });
    platforms.push(cpo, emsp);
  });
  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
    await hub?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it(
    'saves a profile readable by its owner only, without showing the token',
    async () => {
      // Act
      const saved = await cli(
        ['profile', 'set', '--url', hub.url, '--tenant', 'demo', '--token-stdin'],
        `${hub.adminTokens.get('demo')}\n`,
      );
      const listed = await cli(['profile', 'list']);
      const health = await cli(['health']);
      // Assess
      expect(saved.code).toBe(0);
      expect(statSync(env.OCPI_HUB_PROFILES as string).mode & 0o777).toBe(0o600);
      expect(statSync(join(home, 'config')).mode & 0o777).toBe(0o700);
      expect(listed.stdout).toMatch(/default\s+http:\/\/127\.0\.0\.1:\d+\s+demo\s+demo/);
      expect(health).toMatchObject({ code: 0, stdout: `ok: ${hub.url}\n` });
    },
    SLOW,
  );

  it(
    'onboards a CPO that runs the handshake itself with the token A the CLI showed once',
    async () => {
      // Act
      const created = await cli([
        'partners',
        'create',
        '--name',
        'Charge Co',
        '--role',
        'CPO:NL:CP1',
        '--json',
      ]);
      ids.cpo = created.json().id;
      await cpo.registerWith(created.json().versions_url, created.json().token_a);
      const shown = await cli(['partners', 'show', ids.cpo]);
      // Assess
      expect(created.code).toBe(0);
      expect(created.json()).toMatchObject({ status: 'PLANNED', versions_url: hub.versionsUrl() });
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/status:\s+CONNECTED/);
      expect(shown.stdout).toMatch(/roles:\s+CPO NL\*CP1/);
    },
    SLOW,
  );

  it(
    'connects to an eMSP with the token A it issued, read from stdin',
    async () => {
      // Prepare
      const created = await cli([
        'partners',
        'create',
        '--name',
        'Drive Co',
        '--role',
        'EMSP:NL:EM1',
        '--json',
      ]);
      ids.emsp = created.json().id;
      // Act
      const connected = await cli(
        [
          'partners',
          'connect',
          ids.emsp,
          '--versions-url',
          emsp.versionsUrl,
          '--partner-token-stdin',
          '--json',
        ],
        emsp.issueTokenA(),
      );
      const listed = await cli(['partners', 'list']);
      // Assess
      expect(connected.code).toBe(0);
      expect(connected.json()).toMatchObject({ id: ids.emsp, status: 'CONNECTED', version: '2.2.1' });
      const [header, ...rows] = listed.stdout.trim().split('\n');
      expect(header).toMatch(
        /^ID\s+NAME\s+STATUS\s+ROLES\s+VERSION\s+LAST CONTACT\s+TOKEN AGE\s+LAST ERROR$/,
      );
      expect(rows.filter((r) => /CONNECTED\s+\S+ NL\*\S+\s+2\.2\.1/.test(r))).toHaveLength(2);
    },
    SLOW,
  );

  it(
    'lists the push to the eMSP and replays it',
    async () => {
      // Prepare
      await cpo.pushLocation(locationOf(CP1, 'LOC-CLI', at(1)));
      const pushes = () =>
        emsp.received.filter((r) => r.path.endsWith('/LOC-CLI') && r.method === 'PUT').length;
      await emsp.waitFor(() => pushes() === 1, 15_000);
      // Act
      const listed = await cli(['deliveries', 'list', '--partner', ids.emsp, '--json']);
      const delivery = listed.json().deliveries.find((d: { path: string }) => d.path.endsWith('LOC-CLI'));
      const replayed = await cli(['deliveries', 'replay', delivery.id]);
      // Assess
      expect(delivery).toMatchObject({ status: 'delivered', module: 'locations', method: 'PUT' });
      expect(replayed.code).toBe(0);
      await emsp.waitFor(() => pushes() === 2, 15_000);
    },
    SLOW,
  );

  it(
    'rotates one partner, then every registered partner',
    async () => {
      // Prepare
      const before = cpo.hubToken;
      // Act
      const one = await cli(['partners', 'rotate', ids.cpo, '--json']);
      const all = await cli(['partners', 'rotate', '--all', '--json']);
      // Assess
      expect(one.code).toBe(0);
      expect(cpo.hubToken).not.toBe(before);
      expect(all.code).toBe(0);
      expect(all.json().partners).toEqual(
        expect.arrayContaining([
          { id: ids.cpo, name: 'Charge Co', rotated: true },
          { id: ids.emsp, name: 'Drive Co', rotated: true },
        ]),
      );
    },
    SLOW,
  );

  it(
    'creates, lists and revokes an admin token; the revoked token is refused with exit code 3',
    async () => {
      // Act
      const created = await cli([
        'tokens',
        'create',
        '--name',
        'ci pipeline',
        '--expires-in-days',
        '7',
        '--json',
      ]);
      const token = created.json().token as string;
      const listed = await cli(['tokens', 'list']);
      const revoked = await cli(['tokens', 'revoke', created.json().id]);
      const refused = await runCli(['partners', 'list'], { env: { ...env, OCPI_HUB_TOKEN: token } });
      // Assess
      expect(created.code).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`${created.json().id}\\s+ci pipeline\\s+\\S+\\s+\\S+\\s+no`));
      expect(listed.stdout).not.toContain(token);
      expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${created.json().id} (ci pipeline)\n` });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('HTTP 401 unauthorized');
      expect(refused.stderr).not.toContain(token);
    },
    SLOW,
  );

  it(
    'shows the tenant and suspends a partner only with --yes',
    async () => {
      // Act
      const tenants = await cli(['tenants', 'list']);
      const withoutYes = await cli(['partners', 'unregister', ids.emsp]);
      const unregistered = await cli(['partners', 'unregister', ids.emsp, '--yes']);
      // Assess
      expect(tenants.stdout).toMatch(
        /demo\s+Demo network\s+NL\*HUB\s+2 CONNECTED\s+http:\/\/127\.0\.0\.1:\d+\/demo\/ocpi\/versions/,
      );
      expect(withoutYes.code).toBe(2);
      expect(unregistered).toMatchObject({ code: 0, stdout: `${ids.emsp} Drive Co: SUSPENDED\n` });
    },
    SLOW,
  );

  it('never printed the admin token or a partner token in any of it', () => {
    // Assess
    const printed = outputs.map((o) => o.stdout + o.stderr).join('\n');
    expect(secrets.size).toBeGreaterThanOrEqual(7);
    for (const secret of secrets) expect(printed).not.toContain(secret);
  });
});
