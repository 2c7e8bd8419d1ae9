import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The launcher's class name and source (functions/local/java/), which binds DynamoDB Local to loopback. */
const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';
const LAUNCHER_SOURCE = fileURLToPath(new URL(`./java/${LAUNCHER_CLASS}.java`, import.meta.url));
/** Read by the launcher: the only address DynamoDB Local listens on. */
const BIND_HOST_PROPERTY = 'ocpihub.bindHost';
const COMPILE_TIMEOUT_MS = 120_000;

/**
 * The folder holding the compiled launcher, compiled once with the JDK's `javac` into
 * `node_modules/.cache/` (keyed by the source and the jar, so an upgrade of either recompiles), or
 * undefined when no compiler is available (a JRE without `javac`): the caller then starts the jar
 * itself, which listens on every interface (README "Prerequisites" states the risk).
 */
export async function compiledLauncher(opts: {
  packageDir: string;
  jarPath: string;
  javaCommand?: string;
}): Promise<string | undefined> {
  const source = readFileSync(LAUNCHER_SOURCE);
  const version = createHash('sha256').update(source).update(opts.jarPath).digest('hex').slice(0, 16);
  const cacheRoot = join(opts.packageDir, '..', '.cache', 'ocpi-hub-dynamodb-launcher');
  const target = join(cacheRoot, version);
  if (existsSync(join(target, `${LAUNCHER_CLASS}.class`))) return target;
  mkdirSync(cacheRoot, { recursive: true });
  // Compiled into a private folder, then renamed: a concurrent start never sees half a class file.
  const scratch = mkdtempSync(join(cacheRoot, 'build-'));
  try {
    const classPath = launcherClassPath(undefined, opts.jarPath);
    const ok = await run(javacFor(opts.javaCommand), ['-d', scratch, '-cp', classPath, LAUNCHER_SOURCE]);
    if (!ok) return undefined;
    try {
      renameSync(scratch, target);
    } catch {
      // Another process renamed its build first: use that one.
    }
    return existsSync(join(target, `${LAUNCHER_CLASS}.class`)) ? target : undefined;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The package's java arguments (`-Djava.library.path=... -jar <jar> <options>`) rewritten to run the
 * launcher on the same jar, its libraries and options, bound to `host`.
 */
export function launcherArguments(args: readonly string[], launcherDir: string, host: string): string[] {
  const jarIndex = args.indexOf('-jar');
  const jarPath = args[jarIndex + 1];
  if (jarIndex < 0 || jarPath === undefined) return [...args];
  return [
    ...args.slice(0, jarIndex),
    `-D${BIND_HOST_PROPERTY}=${host}`,
    '-cp',
    launcherClassPath(launcherDir, jarPath),
    LAUNCHER_CLASS,
    ...args.slice(jarIndex + 2),
  ];
}

function launcherClassPath(launcherDir: string | undefined, jarPath: string): string {
  const libraries = join(dirname(jarPath), `${basename(jarPath, '.jar')}_lib`, '*');
  return [...(launcherDir ? [launcherDir] : []), jarPath, libraries].join(delimiter);
}

/** `javac` beside an explicit java binary, else from PATH. */
function javacFor(javaCommand: string | undefined): string {
  if (javaCommand?.includes('/')) return join(dirname(javaCommand), 'javac');
  return 'javac';
}

function run(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), COMPILE_TIMEOUT_MS);
    child.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}
