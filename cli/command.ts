import type { AdminClient } from './admin-client';
import type { Output } from './output';

/** Every option the CLI knows; each command says which of the non-global ones it takes. */
export const OPTIONS = {
  url: { type: 'string' },
  tenant: { type: 'string' },
  token: { type: 'string' },
  'token-stdin': { type: 'boolean' },
  profile: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  name: { type: 'string' },
  role: { type: 'string', multiple: true },
  'versions-url': { type: 'string' },
  'partner-token': { type: 'string' },
  'partner-token-stdin': { type: 'boolean' },
  all: { type: 'boolean' },
  yes: { type: 'boolean' },
  partner: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  before: { type: 'string' },
  'expires-in-days': { type: 'string' },
  default: { type: 'boolean' },
} as const;

export type OptionName = keyof typeof OPTIONS;
export type OptionValues = {
  [K in OptionName]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'boolean'
      ? boolean
      : string;
};

export const GLOBAL_OPTIONS: readonly OptionName[] = [
  'url',
  'tenant',
  'token',
  'token-stdin',
  'profile',
  'json',
  'help',
];

export interface CommandContext {
  /** Positional arguments after the command words. */
  args: string[];
  opts: OptionValues;
  env: NodeJS.ProcessEnv;
  out: Output;
  /** The admin API of the selected tenant (URL, tenant and token resolved on first use). */
  client(): Promise<AdminClient>;
  /** Everything on stdin, trimmed (tokens are passed this way, never in argv or history). */
  stdin(): Promise<string>;
}

export interface Command {
  /** The command words and arguments, e.g. `partners show <id>`. */
  usage: string;
  summary: string;
  options?: readonly OptionName[];
  /** Number of positional arguments: exactly, or [least, most]. */
  args?: number | readonly [number, number];
  run(ctx: CommandContext): Promise<void>;
}

export const words = (command: Command) => command.usage.split(' ').filter((w) => /^[a-z-]+$/.test(w));
