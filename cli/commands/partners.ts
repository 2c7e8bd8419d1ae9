import { type AdminClient, segment } from '../admin-client';
import type { Command, CommandContext } from '../command';
import { CliError, EXIT, usageError } from '../exit-codes';
import { age, type Output, shown } from '../output';

interface PartnerView {
  id: string;
  name: string;
  status: string;
  roles: Array<{ role: string; country_code: string; party_id: string }>;
  version: string | null;
  versions_url: string | null;
  endpoints?: unknown[];
  created_at: string;
  registered_at: string | null;
  last_contact_at: string | null;
  last_error: string | null;
  token_ages: Record<string, number | null>;
}

const rolesOf = (p: PartnerView) =>
  p.roles.map((r) => `${r.role} ${r.country_code}*${r.party_id}`).join(', ');
const partnerPath = (id: string, rest = '') => `/partners/${segment(id)}${rest}`;

function showPartner(out: Output, p: PartnerView): void {
  out.fields([
    ['id', p.id],
    ['name', p.name],
    ['status', p.status],
    ['roles', rolesOf(p)],
    ['version', p.version],
    ['versions url', p.versions_url],
    ['endpoints', p.endpoints?.length ?? 0],
    ['created', p.created_at],
    ['registered', p.registered_at],
    ['last contact', p.last_contact_at],
    ['last error', p.last_error],
    ['inbound token age', age(p.token_ages.inbound_token_age_seconds)],
    ['outbound token age', age(p.token_ages.outbound_token_age_seconds)],
    ['token A age', age(p.token_ages.token_a_age_seconds)],
  ]);
}

/** `--role CPO:NL:ABC` (role, country code, party id), given once per role. */
function parseRoles(values: string[] | undefined) {
  if (!values?.length)
    throw usageError('give at least one --role ROLE:COUNTRY:PARTY, e.g. --role CPO:NL:ABC');
  return values.map((value) => {
    const [role, country_code, party_id, ...rest] = value.split(':');
    if (!role || !country_code || !party_id || rest.length) {
      throw usageError(`--role ${value}: expected ROLE:COUNTRY:PARTY, e.g. CPO:NL:ABC`);
    }
    return { role: role.toUpperCase(), country_code, party_id };
  });
}

/** The token a partner issued for a hub-initiated handshake: from stdin or a flag, never printed. */
async function partnerToken(ctx: CommandContext): Promise<string> {
  if (ctx.opts['partner-token-stdin']) return ctx.stdin();
  if (ctx.opts['partner-token']) return ctx.opts['partner-token'];
  throw usageError('give the token the partner issued with --partner-token-stdin (or --partner-token)');
}

async function rotateAll(client: AdminClient, out: Output): Promise<void> {
  const { partners } = await client.call<{ partners: PartnerView[] }>('GET', '/partners');
  const registered = partners.filter((p) => p.status === 'CONNECTED' || p.status === 'OFFLINE');
  const results: Array<{ id: string; name: string; rotated: boolean; error?: string; exitCode?: number }> =
    [];
  for (const p of registered) {
    try {
      await client.call('POST', partnerPath(p.id, '/rotate'));
      results.push({ id: p.id, name: p.name, rotated: true });
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      results.push({ id: p.id, name: p.name, rotated: false, error: err.message, exitCode: err.exitCode });
    }
  }
  out.result({ partners: results.map(({ exitCode: _, ...r }) => r) }, () =>
    out.table(
      ['ID', 'NAME', 'RESULT'],
      results.map((r) => [r.id, r.name, r.rotated ? 'rotated' : `failed: ${r.error}`]),
    ),
  );
  const failed = results.find((r) => !r.rotated);
  if (failed)
    throw new CliError(
      EXIT.failed,
      `${results.filter((r) => !r.rotated).length} of ${results.length} rotations failed`,
    );
}

export const partnerCommands: Command[] = [
  {
    usage: 'partners list',
    summary: 'partners of the tenant with status, roles, last contact and token ages',
    args: 0,
    async run({ client, out }) {
      const answer = await (await client()).call<{ partners: PartnerView[] }>('GET', '/partners');
      out.result(answer, () =>
        out.table(
          ['ID', 'NAME', 'STATUS', 'ROLES', 'VERSION', 'LAST CONTACT', 'TOKEN AGE', 'LAST ERROR'],
          answer.partners.map((p) => [
            p.id,
            p.name,
            p.status,
            rolesOf(p),
            p.version,
            p.last_contact_at,
            age(p.token_ages.inbound_token_age_seconds ?? p.token_ages.token_a_age_seconds),
            p.last_error,
          ]),
        ),
      );
    },
  },
  {
    usage: 'partners show <id>',
    summary: 'one partner: endpoints, last contact, last error, token ages (never a token)',
    args: 1,
    async run({ args, client, out }) {
      const p = await (await client()).call<PartnerView>('GET', partnerPath(args[0] as string));
      out.result(p, () => showPartner(out, p));
    },
  },
  {
    usage: 'partners create',
    summary: 'a PLANNED partner: --name NAME --role ROLE:CC:PID [...]; shows its token A once',
    options: ['name', 'role'],
    args: 0,
    async run({ opts, client, out }) {
      if (!opts.name) throw usageError('give the partner a --name');
      const roles = parseRoles(opts.role);
      const created = await (await client()).call<PartnerView & { token_a: string; versions_url: string }>(
        'POST',
        '/partners',
        { name: opts.name, roles },
      );
      out.result(created, () => {
        out.fields([
          ['id', created.id],
          ['status', created.status],
          ['roles', rolesOf(created)],
          ['versions url', created.versions_url],
          ['token A', created.token_a],
        ]);
        out.line(
          'Hand the versions URL and token A to the partner over a secure channel: token A is shown only now.',
        );
      });
    },
  },
  {
    usage: 'partners connect <id>',
    summary:
      'hub-initiated handshake: --versions-url URL and the token the partner issued (--partner-token-stdin)',
    options: ['versions-url', 'partner-token', 'partner-token-stdin'],
    args: 1,
    async run(ctx) {
      const versionsUrl = ctx.opts['versions-url'];
      if (!versionsUrl) throw usageError("give the partner's --versions-url");
      const token = await partnerToken(ctx);
      const p = await (await ctx.client()).call<PartnerView>(
        'POST',
        partnerPath(ctx.args[0] as string, '/connect'),
        {
          versions_url: versionsUrl,
          token,
        },
      );
      ctx.out.result(p, () => showPartner(ctx.out, p));
    },
  },
  {
    usage: 'partners rotate [<id>]',
    summary: 'rotate credentials with the partner now (--all: every registered partner)',
    options: ['all'],
    args: [0, 1],
    async run({ args, opts, client, out }) {
      const admin = await client();
      if (opts.all && args.length) throw usageError('give a partner id or --all, not both');
      if (opts.all) return rotateAll(admin, out);
      if (!args[0]) throw usageError('give a partner id, or --all');
      const p = await admin.call<PartnerView>('POST', partnerPath(args[0], '/rotate'));
      out.result(p, () => showPartner(out, p));
    },
  },
  {
    usage: 'partners token-a <id>',
    summary: 'a fresh token A for (re-)onboarding; the previous one stops working',
    args: 1,
    async run({ args, client, out }) {
      const p = await (await client()).call<PartnerView & { token_a: string; versions_url: string }>(
        'POST',
        partnerPath(args[0] as string, '/token-a'),
      );
      out.result(p, () => {
        out.fields([
          ['id', p.id],
          ['status', p.status],
          ['versions url', p.versions_url],
          ['token A', p.token_a],
        ]);
        out.line('Token A is shown only now.');
      });
    },
  },
  {
    usage: 'partners unregister <id>',
    summary: 'credentials DELETE towards the partner, tokens revoked, status SUSPENDED (needs --yes)',
    options: ['yes'],
    args: 1,
    async run({ args, opts, client, out }) {
      if (!opts.yes) throw usageError('unregistering cuts the partner off at once; add --yes to do it');
      const p = await (await client()).call<PartnerView>('DELETE', partnerPath(args[0] as string));
      out.result(p, () => out.line(`${shown(p.id)} ${shown(p.name)}: ${shown(p.status)}`));
    },
  },
];
