import { health } from '../admin-client';
import type { Command } from '../command';
import { resolveBaseUrl } from '../target';

export const healthCommands: Command[] = [
  {
    usage: 'health',
    summary: 'is the hub up? (GET /health, no token needed)',
    args: 0,
    async run({ opts, env, out }) {
      const url = resolveBaseUrl(opts, env);
      const answer = await health(url);
      out.result(answer, () => out.line(`${(answer as { status?: string }).status ?? 'answered'}: ${url}`));
    },
  },
];
