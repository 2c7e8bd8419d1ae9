import type { Command } from '../command';
import { configError, usageError } from '../exit-codes';
import { profilesPath, readProfiles, writeProfiles } from '../profiles';
import { checkedBaseUrl } from '../target';

export const profileCommands: Command[] = [
  {
    usage: 'profile set [<name>]',
    summary: 'save a hub URL, a tenant and its admin token (--token-stdin) in the profile file (mode 600)',
    options: ['default'],
    args: [0, 1],
    async run({ args, opts, env, out, stdin }) {
      const name = args[0] ?? opts.profile ?? env.OCPI_HUB_PROFILE ?? 'default';
      const path = profilesPath(env);
      const file = readProfiles(path);
      const profile = { ...file.profiles[name] };
      if (opts.url) profile.url = checkedBaseUrl(opts.url);
      if (!profile.url) throw usageError(`profile '${name}' needs a --url`);
      const token = opts['token-stdin'] ? await stdin() : opts.token;
      if (token !== undefined) {
        if (!opts.tenant) throw usageError('say which tenant the token is for with --tenant');
        if (!/^[\x21-\x7e]{16,256}$/.test(token))
          throw configError('an admin token is 16-256 printable characters');
        profile.tokens = { ...profile.tokens, [opts.tenant]: token };
      }
      if (opts.tenant && (opts.default || !profile.tenant)) profile.tenant = opts.tenant;
      file.profiles[name] = profile;
      writeProfiles(path, file);
      out.result(
        {
          profile: name,
          url: profile.url,
          tenant: profile.tenant ?? null,
          tenants: Object.keys(profile.tokens ?? {}),
          file: path,
        },
        () =>
          out.line(
            `profile ${name}: ${profile.url}, default tenant ${profile.tenant ?? '-'}, tokens for ${Object.keys(profile.tokens ?? {}).join(', ') || 'no tenant'}; saved in ${path} (mode 600)`,
          ),
      );
    },
  },
  {
    usage: 'profile list',
    summary: 'the saved profiles (URLs and tenants; tokens are never shown)',
    args: 0,
    async run({ env, out }) {
      const path = profilesPath(env);
      const { profiles } = readProfiles(path);
      const rows = Object.entries(profiles).map(([name, p]) => ({
        name,
        url: p.url ?? null,
        tenant: p.tenant ?? null,
        tenants_with_token: Object.keys(p.tokens ?? {}),
      }));
      out.result({ file: path, profiles: rows }, () =>
        out.table(
          ['PROFILE', 'URL', 'DEFAULT TENANT', 'TOKENS FOR'],
          rows.map((r) => [r.name, r.url, r.tenant, r.tenants_with_token.join(', ')]),
        ),
      );
    },
  },
];
