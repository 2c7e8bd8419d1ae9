import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DynamoDbLocalError,
  JAVA_REQUIRED_MESSAGE,
  startDynamoDbLocal,
} from '../../functions/local/dynamodb-local';
import { createDynamoClient } from '../../functions/store/dynamo-client';
import { ensureTable } from '../../functions/store/table-admin';
import { eventually } from '../support/eventually';
import { isLoopback, listeningAddresses } from './listening-sockets';
import { descendantsOf, isRunning } from './process-state';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dynamodb-local-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** An address of this machine that is not loopback, if it has one. */
function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
}

function connectOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

async function modesUnder(dir: string): Promise<{ path: string; dir: boolean; mode: number }[]> {
  const out = [{ path: dir, dir: true, mode: (await stat(dir)).mode & 0o777 }];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    out.push({ path, dir: entry.isDirectory(), mode: (await stat(path)).mode & 0o777 });
  }
  return out;
}

describe('startDynamoDbLocal', () => {
  it('listens on loopback only and keeps its database owner-only (issue #10 finding 8)', async () => {
    // Prepare
    const dataDir = join(await tempDir(), 'dynamodb');
    // Act
    const dynamo = await startDynamoDbLocal({ dataDir });
    cleanups.push(() => dynamo.stop());
    const listening = listeningAddresses(dynamo.port);
    const external = nonLoopbackAddress();
    const fromOutside = external ? await connectOutcome(external, dynamo.port) : 'no other interface';
    const client = createDynamoClient({ endpoint: dynamo.endpoint });
    await ensureTable(client, 'private');
    client.destroy();
    await dynamo.stop();
    const modes = await modesUnder(dataDir);
    // Assess
    expect(dynamo.loopbackOnly).toBe(true);
    expect(listening.length).toBeGreaterThan(0);
    expect(listening.filter((address) => !isLoopback(address))).toEqual([]);
    expect(['ECONNREFUSED', 'no other interface']).toContain(fromOutside);
    expect(modes.some((m) => !m.dir)).toBe(true);
    expect(modes.filter((m) => m.mode !== (m.dir ? 0o700 : 0o600))).toEqual([]);
  }, 90_000);

  it('keeps items in its data directory across a stop and a start', async () => {
    // Prepare
    const dataDir = await tempDir();
    const first = await startDynamoDbLocal({ dataDir });
    cleanups.push(() => first.stop());
    const firstClient = createDynamoClient({ endpoint: first.endpoint });
    await ensureTable(firstClient, 'persisted');
    await firstClient.send(
      new PutItemCommand({
        TableName: 'persisted',
        Item: { pk: { S: 'p' }, sk: { S: 's' }, v: { S: 'kept' } },
      }),
    );
    firstClient.destroy();

    // Act
    await first.stop();
    const firstGone = !isRunning(first.pid);
    const second = await startDynamoDbLocal({ dataDir });
    cleanups.push(() => second.stop());
    const secondClient = createDynamoClient({ endpoint: second.endpoint });
    const { Item } = await secondClient.send(
      new GetItemCommand({ TableName: 'persisted', Key: { pk: { S: 'p' }, sk: { S: 's' } } }),
    );
    secondClient.destroy();

    // Assess
    expect(firstGone).toBe(true);
    expect(second.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Item?.v).toEqual({ S: 'kept' });
  }, 60_000);

  it('kills DynamoDB Local when the process that started it exits', async () => {
    // Prepare
    const fixture = join(import.meta.dirname, 'fixtures', 'start-dynamodb-local-and-exit.ts');

    // Act
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fixture], {
      timeout: 45_000,
    });
    const pid = Number(stdout.trim());

    // Assess
    expect(pid).toBeGreaterThan(0);
    await eventually(() => isRunning(pid) === false, { timeoutMs: 5_000, intervalMs: 50 });
  }, 60_000);

  it('stops DynamoDB Local when the process that started it is killed with SIGKILL', async () => {
    // Prepare
    const fixture = join(import.meta.dirname, 'fixtures', 'start-dynamodb-local-and-wait.ts');
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(async () => parent.kill('SIGKILL'));
    const launcher = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      parent.once('exit', () => reject(new Error('the fixture exited early')));
    });
    const processes = [launcher, ...descendantsOf(launcher)];
    expect(processes.length).toBeGreaterThanOrEqual(2);

    // Act
    parent.kill('SIGKILL');

    // Assess
    await eventually(() => processes.filter(isRunning).length === 0, { timeoutMs: 10_000, intervalMs: 100 });
  }, 60_000);

  it('refuses a port another process listens on, naming the port', async () => {
    // Prepare
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;

    // Act
    const started = startDynamoDbLocal({ port });

    // Assess
    await expect(started).rejects.toThrow(DynamoDbLocalError);
    await expect(started).rejects.toThrow(new RegExp(`^Port ${port} is in use: `));
  });

  it('says Java 17+ is required when there is no java command', async () => {
    // Prepare
    const javaCommand = join(await tempDir(), 'no-such-java');

    // Act
    const started = startDynamoDbLocal({ javaCommand });

    // Assess
    await expect(started).rejects.toThrow(DynamoDbLocalError);
    await expect(started).rejects.toThrow(JAVA_REQUIRED_MESSAGE);
  });

  it('reports the exit code and last output lines of a process that dies before answering', async () => {
    // Prepare
    const javaCommand = join(await tempDir(), 'broken-java');
    await writeFile(
      javaCommand,
      '#!/bin/sh\necho "starting"\necho "Error: Unable to access jarfile" >&2\nexit 3\n',
    );
    await chmod(javaCommand, 0o755);

    // Act
    const started = startDynamoDbLocal({ javaCommand });

    // Assess
    await expect(started).rejects.toThrow(
      /exited \(code 3\) before answering[\s\S]*Unable to access jarfile/,
    );
  });
});
