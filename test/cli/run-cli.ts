import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SHIM = fileURLToPath(new URL('../../cli/ocpi-hub.mjs', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for `--json` runs). */
  // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
  json(): any;
}

/**
 * `ocpi-hub` as an operator runs it: `node cli/ocpi-hub.mjs` in a child process, with only the
 * environment given (plus PATH) and `stdin` piped in.
 */
export function runCli(
  args: string[],
  opts: { env?: Record<string, string>; stdin?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SHIM, ...args], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        json: () => JSON.parse(stdout),
      }),
    );
    child.stdin.end(opts.stdin ?? '');
  });
}
