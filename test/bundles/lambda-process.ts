import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SynthesizedFunction } from './synth-bundles';

const RUNNER = fileURLToPath(new URL('./lambda-runner.mjs', import.meta.url));

/** A handler that threw: the Lambda runtime's error answer (`errorType`, `errorMessage`). */
export class LambdaInvocationError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(`${errorType}: ${message}`);
  }
}

export interface LambdaProcess {
  readonly serviceName: string;
  /** Every line the function wrote (its JSON logs and EMF metrics; other text as `{ text }`), in order. */
  readonly logs: Array<Record<string, unknown>>;
  /** Calls the handler once; resolves with its answer, rejects with LambdaInvocationError. */
  invoke<T = unknown>(event: unknown, awsRequestId?: string): Promise<T>;
  stop(): Promise<void>;
}

type FromChild =
  | { type: 'ready' }
  | { type: 'init-error'; error: { name: string; message: string; stack?: string } }
  | { type: 'result'; id: number; result?: unknown; error?: { name: string; message: string } };

/**
 * Starts a function's built bundle in a fresh Node process (lambda-runner.mjs) with nothing of this
 * process's environment or module state: only PATH, the variables the template declares (with
 * `resolved` standing in for what CloudFormation would fill in) and what the Lambda runtime sets.
 * Resolves once the bundle's init phase is over.
 */
export async function startLambdaProcess(
  fn: SynthesizedFunction,
  opts: {
    /** Values of the template's variables CloudFormation resolves (ARNs, the public URL). */
    resolved: Readonly<Record<string, string>>;
    /** What the Lambda runtime and the test add: region, credentials, endpoint overrides. */
    runtimeEnv: Readonly<Record<string, string>>;
    timeoutMs?: number;
  },
): Promise<LambdaProcess> {
  const declared: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    if (typeof value === 'string') declared[name] = value;
    else if (opts.resolved[name] !== undefined) declared[name] = opts.resolved[name];
    else
      throw new Error(
        `${fn.serviceName}: the template's ${name} is resolved at deploy time; give it a value`,
      );
  }
  const [file, handlerName] = fn.handler.split('.');
  const child = fork(
    RUNNER,
    [join(fn.assetDir, `${file}.mjs`), handlerName ?? 'handler', String(opts.timeoutMs ?? 30_000)],
    {
      cwd: fn.assetDir,
      env: {
        PATH: process.env.PATH,
        TZ: 'UTC',
        LAMBDA_TASK_ROOT: fn.assetDir,
        AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
        ...opts.runtimeEnv,
        ...declared,
      },
      // The runner's own flags only: vitest's loaders must not reach the bundle.
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    },
  );
  // Powertools writes INFO and DEBUG to stdout, WARN and ERROR to stderr; Lambda logs both.
  const logs: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const logLine = (line: string) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ text: line });
    }
  };
  collectLines(child.stdout, logLine);
  collectLines(child.stderr, (line) => {
    stderr.push(line);
    logLine(line);
  });

  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number | null) =>
      reject(new Error(`${fn.serviceName} exited during init (${code}): ${stderr.join('\n').slice(-2000)}`));
    child.once('exit', exited);
    child.once('message', (message: FromChild) => {
      child.off('exit', exited);
      if (message.type === 'ready') resolve();
      else if (message.type === 'init-error')
        reject(new Error(`${fn.serviceName} init failed: ${message.error.stack ?? message.error.message}`));
    });
  });
  child.on('message', (message: FromChild) => {
    if (message.type !== 'result') return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new LambdaInvocationError(message.error.name, message.error.message));
    else waiter?.resolve(message.result);
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`${fn.serviceName} exited (${code}): ${stderr.join('\n').slice(-2000)}`));
    pending.clear();
  });

  return {
    serviceName: fn.serviceName,
    logs,
    invoke<T>(event: unknown, awsRequestId = randomUUID()) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, event, awsRequestId });
      });
    },
    stop: () => stopChild(child),
  };
}

function collectLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let rest = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
