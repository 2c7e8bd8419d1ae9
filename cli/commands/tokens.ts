import { segment } from '../admin-client';
import type { Command } from '../command';
import { usageError } from '../exit-codes';

interface AdminTokenView {
  id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  expired: boolean;
}

export const tokenCommands: Command[] = [
  {
    usage: 'tokens create',
    summary: 'a new admin token: --name NAME [--expires-in-days D] (default 90); shown once',
    options: ['name', 'expires-in-days'],
    args: 0,
    async run({ opts, client, out }) {
      if (!opts.name) throw usageError('give the token a --name (who or what uses it)');
      const days = opts['expires-in-days'];
      if (days !== undefined && !/^\d+$/.test(days))
        throw usageError('--expires-in-days takes a whole number');
      const created = await (await client()).call<AdminTokenView & { token: string }>('POST', '/tokens', {
        name: opts.name,
        ...(days === undefined ? {} : { expires_in_days: Number(days) }),
      });
      out.result(created, () => {
        out.fields([
          ['id', created.id],
          ['name', created.name],
          ['expires', created.expires_at],
          ['token', created.token],
        ]);
        out.line('The token is shown only now; the hub keeps a keyed hash of it.');
      });
    },
  },
  {
    usage: 'tokens list',
    summary: "the tenant's admin tokens (names and dates, never a token)",
    args: 0,
    async run({ client, out }) {
      const answer = await (await client()).call<{ tokens: AdminTokenView[] }>('GET', '/tokens');
      out.result(answer, () =>
        out.table(
          ['ID', 'NAME', 'CREATED', 'EXPIRES', 'EXPIRED'],
          answer.tokens.map((t) => [
            t.id,
            t.name,
            t.created_at,
            t.expires_at ?? 'never',
            t.expired ? 'yes' : 'no',
          ]),
        ),
      );
    },
  },
  {
    usage: 'tokens revoke <id>',
    summary: 'revoke an admin token: refused from the next request on',
    args: 1,
    async run({ args, client, out }) {
      const revoked = await (await client()).call<AdminTokenView>(
        'DELETE',
        `/tokens/${segment(args[0] as string)}`,
      );
      out.result(revoked, () => out.line(`revoked ${revoked.id} (${revoked.name})`));
    },
  },
];
