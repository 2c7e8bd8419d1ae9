import { AdminClient } from '../admin-client';
import type { Command, CommandContext } from '../command';
import { CliError } from '../exit-codes';
import { type Output, shown } from '../output';
import { resolveTarget, selectedProfile } from '../target';

interface TenantView {
  id: string;
  name: string;
  hub: { country_code: string; party_id: string; name: string };
  versions_url: string | null;
  partners: Record<string, number>;
  rate_limits: Record<string, number>;
  outbound: Record<string, unknown>;
  credentials: Record<string, number>;
}

const partyOf = (t: TenantView) => `${t.hub.country_code}*${t.hub.party_id}`;
const partnersOf = (t: TenantView) =>
  Object.entries(t.partners)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ') || 'none';

/**
 * The tenants this operator holds admin tokens for: the selected one and every tenant with a token in
 * the profile. An admin token opens one tenant only, so there is no list of all tenants to ask for.
 */
function knownTenants(ctx: CommandContext): Array<{ tenant: string; selected: boolean }> {
  const profile = selectedProfile(ctx.opts, ctx.env);
  const selected = ctx.opts.tenant ?? (ctx.env.OCPI_HUB_TENANT || undefined) ?? profile?.tenant;
  const others = Object.keys(profile?.tokens ?? {}).filter((t) => t !== selected);
  return [
    ...(selected ? [{ tenant: selected, selected: true }] : []),
    ...others.map((tenant) => ({ tenant, selected: false })),
  ];
}

async function tenantOf(ctx: CommandContext, tenant: string, selected: boolean): Promise<TenantView> {
  // The token of the flags and environment belongs to the selected tenant; others use the profile's.
  const target = selected
    ? resolveTarget(ctx.opts, ctx.env)
    : resolveTarget({ ...ctx.opts, tenant, token: undefined }, { ...ctx.env, OCPI_HUB_TOKEN: undefined });
  return new AdminClient(target).call<TenantView>('GET', '/tenant');
}

function showTenant(out: Output, t: TenantView): void {
  out.fields([
    ['tenant', t.id],
    ['name', t.name],
    ['hub party', `${partyOf(t)} (${t.hub.name})`],
    ['versions url', t.versions_url],
    ['partners', partnersOf(t)],
    ['outbound', t.outbound],
    ['credentials', t.credentials],
    ['rate limits', t.rate_limits],
  ]);
}

export const tenantCommands: Command[] = [
  {
    usage: 'tenants list',
    summary: 'the tenants you hold admin tokens for: name, hub party, partners, versions URL',
    args: 0,
    async run(ctx) {
      const known = knownTenants(ctx);
      // No tenant anywhere: resolveTarget says what to set.
      if (known.length === 0) resolveTarget(ctx.opts, ctx.env);
      const rows: Array<{ tenant: string; view?: TenantView; error?: CliError }> = [];
      for (const { tenant, selected } of known) {
        try {
          rows.push({ tenant, view: await tenantOf(ctx, tenant, selected) });
        } catch (err) {
          if (!(err instanceof CliError)) throw err;
          rows.push({ tenant, error: err });
        }
      }
      ctx.out.result({ tenants: rows.map((r) => r.view ?? { id: r.tenant, error: r.error?.message }) }, () =>
        ctx.out.table(
          ['TENANT', 'NAME', 'HUB PARTY', 'PARTNERS', 'VERSIONS URL'],
          rows.map((r) =>
            r.view
              ? [r.view.id, r.view.name, partyOf(r.view), partnersOf(r.view), r.view.versions_url]
              : [r.tenant, `error: ${shown(r.error?.message)}`, null, null, null],
          ),
        ),
      );
      const failed = rows.find((r) => r.error);
      if (failed?.error) throw failed.error;
    },
  },
  {
    usage: 'tenants show',
    summary: 'the selected tenant: settings from the tenants file and partners by status',
    args: 0,
    async run({ client, out }) {
      const t = await (await client()).call<TenantView>('GET', '/tenant');
      out.result(t, () => showTenant(out, t));
    },
  },
];
