import { configError } from './exit-codes';
import { type Profile, profilesPath, readProfiles } from './profiles';

/** Where an admin call goes and with which token. */
export interface Target {
  /** Base URL of the hub, e.g. `http://127.0.0.1:3000` or `https://hub.example.com`. */
  url: string;
  tenant: string;
  token: string;
}

export interface TargetOptions {
  url?: string;
  tenant?: string;
  token?: string;
  profile?: string;
}

const DEFAULT_PROFILE = 'default';

/** An environment variable set to something (an empty value counts as unset). */
const envValue = (env: NodeJS.ProcessEnv, name: string) => env[name] || undefined;

/** The profile named by `--profile`, `OCPI_HUB_PROFILE`, else `default` (absent is fine unless named). */
export function selectedProfile(opts: TargetOptions, env: NodeJS.ProcessEnv): Profile | undefined {
  const name = opts.profile ?? envValue(env, 'OCPI_HUB_PROFILE');
  const path = profilesPath(env);
  const profile = readProfiles(path).profiles[name ?? DEFAULT_PROFILE];
  if (name && !profile) {
    throw configError(
      `no profile '${name}' in ${path}; create it with: ocpi-hub profile set ${name} --url <base URL> --tenant <tenant> --token-stdin`,
    );
  }
  return profile;
}

/**
 * The profile, read only when needed: when one is named (a missing one is an error), or when a flag
 * and its environment variable leave a value open.
 */
function lazyProfile(opts: TargetOptions, env: NodeJS.ProcessEnv): () => Profile | undefined {
  let read = false;
  let profile: Profile | undefined;
  const get = () => {
    if (!read) profile = selectedProfile(opts, env);
    read = true;
    return profile;
  };
  if (opts.profile ?? envValue(env, 'OCPI_HUB_PROFILE')) get();
  return get;
}

const NO_URL = 'no hub URL: pass --url, set OCPI_HUB_URL or use a profile (ocpi-hub profile set)';

/** The base URL alone (health needs no tenant or token): flag, then `OCPI_HUB_URL`, then the profile. */
export function resolveBaseUrl(opts: TargetOptions, env: NodeJS.ProcessEnv): string {
  const profile = lazyProfile(opts, env);
  const url = opts.url ?? envValue(env, 'OCPI_HUB_URL') ?? profile()?.url;
  if (!url) throw configError(NO_URL);
  return checkedBaseUrl(url);
}

/**
 * Each of base URL, tenant and token from its flag, else its environment variable (`OCPI_HUB_URL`,
 * `OCPI_HUB_TENANT`, `OCPI_HUB_TOKEN`), else the profile; the profile keeps one token per tenant.
 */
export function resolveTarget(opts: TargetOptions, env: NodeJS.ProcessEnv): Target {
  const profile = lazyProfile(opts, env);
  const url = opts.url ?? envValue(env, 'OCPI_HUB_URL') ?? profile()?.url;
  const tenant = opts.tenant ?? envValue(env, 'OCPI_HUB_TENANT') ?? profile()?.tenant;
  if (!url) throw configError(NO_URL);
  if (!tenant)
    throw configError('no tenant: pass --tenant, set OCPI_HUB_TENANT or give the profile a tenant');
  const token = opts.token || envValue(env, 'OCPI_HUB_TOKEN') || profile()?.tokens?.[tenant];
  if (!token) {
    throw configError(
      `no admin token for tenant '${tenant}': set OCPI_HUB_TOKEN or store one with: ocpi-hub profile set --tenant ${tenant} --token-stdin`,
    );
  }
  return { url: checkedBaseUrl(url), tenant, token };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An http(s) URL; plain http only to this machine, so an admin token never crosses a network in
 * clear. The trailing slash goes: paths are appended to it.
 */
export function checkedBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configError(`the hub URL '${raw.slice(0, 100)}' is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError(`the hub URL must start with https:// (got ${url.protocol})`);
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw configError(`refusing to send an admin token over plain http to ${url.host}; use https://`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw configError('the hub URL must not carry a query, fragment or credentials');
  }
  return url.href.replace(/\/+$/, '');
}
