import { parseArgs } from 'node:util';
import { AdminClient } from './admin-client';
import {
  type Command,
  type CommandContext,
  GLOBAL_OPTIONS,
  OPTIONS,
  type OptionValues,
  words,
} from './command';
import { deliveryCommands } from './commands/deliveries';
import { healthCommands } from './commands/health';
import { partnerCommands } from './commands/partners';
import { profileCommands } from './commands/profile';
import { tenantCommands } from './commands/tenants';
import { tokenCommands } from './commands/tokens';
import { CliError, EXIT, type ExitCode, usageError } from './exit-codes';
import { helpText } from './help';
import { createOutput } from './output';
import { resolveTarget } from './target';

export const COMMANDS: readonly Command[] = [
  ...healthCommands,
  ...tenantCommands,
  ...partnerCommands,
  ...deliveryCommands,
  ...tokenCommands,
  ...profileCommands,
];

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

const processIo: CliIo = {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Runs one command line; resolves with the exit code (cli/exit-codes.ts). */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<ExitCode> {
  try {
    const { values, positionals } = parse(argv);
    const found = findCommand(positionals);
    if (values.help || !found) {
      if (!found && positionals.length)
        throw usageError(`unknown command '${positionals.join(' ')}'; see ocpi-hub --help`);
      io.stdout(helpText(COMMANDS, found?.command));
      return EXIT.ok;
    }
    const { command, args } = found;
    checkOptions(command, values);
    checkArgs(command, args);
    await command.run(contextOf(args, values, io));
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`ocpi-hub: ${err.message}\n`);
      return err.exitCode;
    }
    io.stderr(`ocpi-hub: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failed;
  }
}

function parse(argv: readonly string[]) {
  try {
    const parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    return { values: parsed.values as OptionValues, positionals: parsed.positionals };
  } catch (err) {
    throw usageError(`${(err as Error).message.split('\n')[0]}; see ocpi-hub --help`);
  }
}

/** The longest command whose words start the positionals (`partners show x` -> `partners show`). */
function findCommand(positionals: string[]): { command: Command; args: string[] } | undefined {
  const matches = COMMANDS.map((command) => ({ command, w: words(command) }))
    .filter(({ w }) => w.every((word, i) => positionals[i] === word))
    .sort((a, b) => b.w.length - a.w.length);
  const best = matches[0];
  if (best) return { command: best.command, args: positionals.slice(best.w.length) };
  // `ocpi-hub partners` alone is the group's list.
  const group = COMMANDS.find((c) => words(c)[0] === positionals[0] && words(c)[1] === 'list');
  if (group && positionals.length === 1) return { command: group, args: [] };
  return undefined;
}

function checkOptions(command: Command, values: OptionValues): void {
  const allowed = new Set([...GLOBAL_OPTIONS, ...(command.options ?? [])]);
  const stray = Object.keys(values).find((name) => !allowed.has(name as keyof OptionValues));
  if (stray)
    throw usageError(
      `--${stray} does not apply to '${words(command).join(' ')}'; see ocpi-hub ${words(command).join(' ')} --help`,
    );
  if (values.token && values['token-stdin'])
    throw usageError('give the admin token once: --token or --token-stdin');
}

function checkArgs(command: Command, args: string[]): void {
  const [least, most] =
    typeof command.args === 'number' ? [command.args, command.args] : (command.args ?? [0, 0]);
  if (args.length < least || args.length > most) throw usageError(`usage: ocpi-hub ${command.usage}`);
}

function contextOf(args: string[], opts: OptionValues, io: CliIo): CommandContext {
  let input: Promise<string> | undefined;
  const stdin = () => {
    input ??= io.readStdin().then((text) => text.trim());
    return input;
  };
  return {
    args,
    opts,
    env: io.env,
    out: createOutput(opts.json === true, io.stdout),
    stdin,
    async client() {
      // `--token-stdin` (profile set aside, which stores it): the admin token of this call.
      const token = opts['token-stdin'] ? await stdin() : opts.token;
      return new AdminClient(resolveTarget({ ...opts, token }, io.env));
    },
  };
}
