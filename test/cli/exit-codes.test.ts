import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/test-hub';
import { runCli } from './run-cli';

const HUB_PARTY = { country_code: 'NL', party_id: 'HUB', name: 'Hub' };
const LOOPBACK = { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 2_000 };
const SLOW = 60_000;

/** Each exit code of README "Operating with the CLI" for the situation it names. */
describe('ocpi-hub CLI: exit codes', () => {
  let hub: TestHub;
  let home: string;
  let failing: Server;
  let env: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestHub({
      tenants: [
        { id: 'demo', name: 'Demo', hub: HUB_PARTY, outbound: LOOPBACK },
        { id: 'tiny', name: 'Tiny', hub: HUB_PARTY, outbound: LOOPBACK, rateLimits: { tenantPerMinute: 10 } },
      ],
    });
    home = mkdtempSync(join(tmpdir(), 'ocpi-hub-cli-'));
    failing = createServer((_req, res) => res.writeHead(500).end('broken'));
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    env = {
      HOME: home,
      OCPI_HUB_PROFILES: join(home, 'profiles.json'),
      OCPI_HUB_URL: hub.url,
      OCPI_HUB_TENANT: 'demo',
      OCPI_HUB_TOKEN: hub.adminTokens.get('demo') as string,
    };
  });
  afterAll(async () => {
    failing?.close();
    await hub?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it(
    'answers 2 to a wrong command line, naming what is wrong',
    async () => {
      // Act
      const runs = await Promise.all([
        runCli(['partners', 'frobnicate'], { env }),
        runCli(['partners', 'list', '--frob'], { env }),
        runCli(['partners', 'show'], { env }),
        runCli(['tokens', 'list', '--name', 'x'], { env }),
      ]);
      // Assess
      expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2]);
      expect(runs[0]?.stderr).toContain("unknown command 'partners frobnicate'");
      expect(runs[1]?.stderr).toContain("Unknown option '--frob'");
      expect(runs[2]?.stderr).toContain('usage: ocpi-hub partners show <id>');
      expect(runs[3]?.stderr).toContain("--name does not apply to 'tokens list'");
    },
    SLOW,
  );

  it(
    'answers 6 without a URL, for a profile file others may read, and before sending a token over plain http',
    async () => {
      // Prepare
      const profiles = join(home, 'open-profiles.json');
      writeFileSync(profiles, JSON.stringify({ profiles: { default: { url: hub.url } } }));
      chmodSync(profiles, 0o644);
      // Act
      const runs = await Promise.all([
        runCli(['partners', 'list'], { env: { HOME: home, OCPI_HUB_PROFILES: join(home, 'none.json') } }),
        runCli(['partners', 'list'], { env: { HOME: home, OCPI_HUB_PROFILES: profiles } }),
        runCli(['partners', 'list', '--url', 'http://hub.example.com'], { env }),
        runCli(['partners', 'list', '--profile', 'prod'], { env: { ...env, OCPI_HUB_URL: '' } }),
      ]);
      // Assess
      expect(runs.map((r) => r.code)).toEqual([6, 6, 6, 6]);
      expect(runs[0]?.stderr).toContain('no hub URL: pass --url, set OCPI_HUB_URL');
      expect(runs[1]?.stderr).toContain(`is open to other users (mode 644); run: chmod 600 ${profiles}`);
      expect(runs[2]?.stderr).toContain('refusing to send an admin token over plain http to hub.example.com');
      expect(runs[3]?.stderr).toContain("no profile 'prod'");
    },
    SLOW,
  );

  it(
    'answers 1 when the hub refuses, 3 for a bad token, 4 when the partner fails, 5 when nothing answers',
    async () => {
      // Prepare
      const created = await hub.createPartner([{ role: 'EMSP', country_code: 'NL', party_id: 'EMX' }]);
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/ocpi/versions`;
      // Act
      const [refused, unauthorized, failed, unreachable] = await Promise.all([
        runCli(['partners', 'show', 'no-such-partner'], { env }),
        runCli(['partners', 'list'], { env: { ...env, OCPI_HUB_TOKEN: 'not-the-admin-token-0000' } }),
        runCli(['partners', 'connect', created.id, '--versions-url', failingUrl, '--partner-token-stdin'], {
          env,
          stdin: 'token-the-partner-issued',
        }),
        runCli(['partners', 'list', '--url', `http://127.0.0.1:${closedPort}`], { env }),
      ]);
      // Assess
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('HTTP 404 partner_not_found');
      expect(unauthorized.code).toBe(3);
      expect(failed.code).toBe(4);
      expect(failed.stderr).toContain('HTTP 502 partner_handshake_failed');
      expect(unreachable.code).toBe(5);
      expect(unreachable.stderr).toContain(
        `cannot reach the hub at http://127.0.0.1:${closedPort}: ECONNREFUSED`,
      );
    },
    SLOW,
  );

  it(
    'answers 7 when the tenant is over its rate limit, with the time to wait',
    async () => {
      // Prepare: keep the tenant's bucket empty while the CLI starts (it refills one request per 6 s).
      let hammering = true;
      const hammer = (async () => {
        while (hammering) await fetch(`${hub.url}/tiny/ocpi/versions`);
      })();
      // Act
      const limited = await runCli(['partners', 'list', '--tenant', 'tiny'], { env });
      hammering = false;
      await hammer;
      // Assess
      expect(limited.code).toBe(7);
      expect(limited.stderr).toMatch(/HTTP 429 .*\(retry after \d+ s\)/);
    },
    SLOW,
  );
});
