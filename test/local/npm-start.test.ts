import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHubConfig } from '../../functions/config';
import { startLocalHub } from '../../functions/local/local-hub';
import { eventually } from '../support/eventually';
import { descendantsOf, describeProcess, isRunning } from './process-state';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs `functions/local/main.ts` as `npm start` does and collects its output until it exits. */
function runMain(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
      cwd: ROOT,
      env: { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-start-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('exits non-zero with one sentence saying what to do when Java is missing', async () => {
    // Prepare: a PATH that has node but no java.
    const bin = join(tempDir(), 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    // Act
    const result = await runMain({ PATH: bin, HUB_DATA_DIR: tempDir(), PORT: '0', HOME: tempDir() });
    // Assess
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toMatch(/^Java 17\+ is required .* set DYNAMODB_ENDPOINT .*\.$/);
  });

  it('exits non-zero with one sentence when the port is taken', async () => {
    // Prepare
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    // Act
    const result = await runMain({ ...process.env, HUB_DATA_DIR: tempDir(), PORT: String(port) });
    blocker.close();
    // Assess
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe(
      `Port ${port} on 127.0.0.1 is in use: stop the other process or set PORT to a free port.`,
    );
  });

  it('keeps partners across a restart: DynamoDB Local data lives in the data folder', async () => {
    // Prepare
    const dataDir = tempDir();
    const config = parseHubConfig(
      { tenants: [{ id: 'demo', name: 'Demo', hub: { country_code: 'NL', party_id: 'HUB', name: 'Hub' } }] },
      'test',
    );
    const first = await startLocalHub({ config, dataDir, port: 0, logLevel: 'ERROR' });
    const adminToken = first.adminTokens.get('demo');
    const created = await fetch(`${first.url}/demo/admin/partners`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'kept', roles: [{ role: 'CPO', country_code: 'NL', party_id: 'KPT' }] }),
    }).then((r) => r.json() as Promise<{ id: string; token_a: string }>);
    await first.stop();
    // Act
    const second = await startLocalHub({ config, dataDir, port: 0, logLevel: 'ERROR' });
    const detail = await fetch(`${second.url}/demo/admin/partners/${created.id}`, {
      // The admin token shown at the first start still works; it is not shown again.
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    const versions = await fetch(`${second.url}/demo/ocpi/versions`, {
      headers: { Authorization: `Token ${created.token_a}` },
    });
    await second.stop();
    // Assess
    expect(adminToken).toBeDefined();
    expect(second.adminTokens.has('demo')).toBe(false);
    expect(detail.status).toBe(200);
    expect(versions.status).toBe(200);
  }, 90_000);

  it('leaves nothing running, DynamoDB Local included, when npm start is killed with SIGKILL', async () => {
    // Prepare
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, HUB_DATA_DIR: tempDir(), PORT: '0', LOG_LEVEL: 'ERROR' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      npm.stdout?.on('data', (d) => {
        out += d;
        if (out.includes('OCPI hub listening')) resolve();
      });
      npm.once('exit', (code) => reject(new Error(`npm start exited (${code}) before listening`)));
    });
    const started = descendantsOf(npm.pid as number);
    expect(started.length).toBeGreaterThanOrEqual(3);
    // Act
    npm.kill('SIGKILL');
    // Assess
    try {
      await eventually(() => started.filter(isRunning).length === 0, {
        timeoutMs: 30_000,
        intervalMs: 200,
        what: 'every process npm start started gone',
      });
    } catch (err) {
      const survivors = started.filter(isRunning).map(describeProcess);
      throw new Error(`${(err as Error).message}; still running: ${survivors.join('; ')}`);
    } finally {
      // A survivor would hold the test's pipes open and keep the test run from ending.
      for (const pid of started.filter(isRunning)) process.kill(pid, 'SIGKILL');
    }
  }, 90_000);
});
