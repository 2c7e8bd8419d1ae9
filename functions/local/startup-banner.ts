import type { HubConfig } from '../config';

/**
 * What `npm start` prints (to the terminal, on purpose, not as a log line: the operator needs the
 * token to call the admin API). A generated admin token appears only at the start that created it.
 */
export function startupBanner(opts: {
  listenUrl: string;
  publicUrl: string;
  config: HubConfig;
  /** LocalHub.adminTokens: tokens created at this start, or HUB_ADMIN_TOKEN. */
  shownTokens: ReadonlyMap<string, string>;
  fixedTokenFromEnv: boolean;
}): string {
  const lines = [`OCPI hub listening on ${opts.listenUrl}`];
  for (const tenant of opts.config.tenants) {
    const token = opts.shownTokens.get(tenant.id);
    let tokenLine: string;
    if (opts.fixedTokenFromEnv) tokenLine = '(from HUB_ADMIN_TOKEN)';
    else if (token) tokenLine = `${token}  (new: shown this once, stored only as a hash)`;
    else tokenLine = '(shown when it was created; set HUB_ADMIN_TOKEN to add one)';
    lines.push(`tenant ${tenant.id}:`);
    lines.push(`  OCPI versions URL: ${opts.publicUrl}/${tenant.id}/ocpi/versions`);
    lines.push(`  admin API:         ${opts.publicUrl}/${tenant.id}/admin/partners`);
    lines.push(`  admin token:       ${tokenLine}`);
  }
  return `${lines.join('\n')}\n`;
}
