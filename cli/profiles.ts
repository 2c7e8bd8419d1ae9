import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { configError } from './exit-codes';

/** One hub the CLI talks to: its base URL, a default tenant and an admin token per tenant. */
export interface Profile {
  url?: string;
  tenant?: string;
  tokens?: Record<string, string>;
}

export interface ProfileFile {
  profiles: Record<string, Profile>;
}

/** `OCPI_HUB_PROFILES`, else `$XDG_CONFIG_HOME/ocpi-hub/profiles.json`, else `~/.config/ocpi-hub/profiles.json`. */
export function profilesPath(env: NodeJS.ProcessEnv): string {
  if (env.OCPI_HUB_PROFILES) return env.OCPI_HUB_PROFILES;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'ocpi-hub', 'profiles.json');
}

/**
 * Reads the profile file. It holds admin tokens in clear, so, as ssh does with its keys, a file that
 * other users may read or write is refused rather than used.
 */
export function readProfiles(path: string): ProfileFile {
  if (!existsSync(path)) return { profiles: {} };
  if (process.platform !== 'win32') {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      throw configError(
        `the profile file ${path} is open to other users (mode ${mode.toString(8)}); run: chmod 600 ${path}`,
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw configError(`the profile file ${path} is not valid JSON`);
  }
  const profiles = (parsed as { profiles?: unknown }).profiles;
  if (!profiles || typeof profiles !== 'object' || Array.isArray(profiles)) {
    throw configError(`the profile file ${path} has no "profiles" object`);
  }
  return { profiles: profiles as Record<string, Profile> };
}

/** Writes the file readable by its owner only (0600), in a folder only its owner may enter (0700). */
export function writeProfiles(path: string, file: ProfileFile): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
