import { type Command, words } from './command';

const EXIT_CODES = `Exit codes:
  0  done
  1  the hub refused the request (not found, conflict, invalid input)
  2  wrong command line
  3  admin token missing, unknown, expired or revoked, or address not allowed (HTTP 401/403)
  4  the hub or the partner behind it failed (HTTP 5xx; 502 = the partner's handshake failed)
  5  the hub could not be reached
  6  no URL, tenant or token; or the profile file is unreadable or open to other users
  7  too many requests (HTTP 429): retry later`;

const TARGET = `Hub, tenant and admin token (each from the first that has it):
  --url URL        OCPI_HUB_URL       profile "url"       e.g. http://127.0.0.1:3000, https://hub.example.com
  --tenant ID      OCPI_HUB_TENANT    profile "tenant"
  --token-stdin    OCPI_HUB_TOKEN     profile "tokens"    (--token TOKEN works too, but shows in ps and history)
  --profile NAME   OCPI_HUB_PROFILE   default "default";  file OCPI_HUB_PROFILES or ~/.config/ocpi-hub/profiles.json (mode 600)
  --json           print the hub's answer as JSON, for scripts`;

export function helpText(commands: readonly Command[], only?: Command): string {
  if (only) return `Usage: ocpi-hub ${only.usage}\n  ${only.summary}\n\n${TARGET}\n\n${EXIT_CODES}\n`;
  const width = Math.max(...commands.map((c) => c.usage.length));
  const lines = commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  const groups = [...new Set(commands.map((c) => words(c)[0]))].join(', ');
  return `ocpi-hub: operate an OCPI hub through its admin API (${groups})\n\nUsage: ocpi-hub <command> [options]\n\n${lines.join('\n')}\n\n${TARGET}\n\n${EXIT_CODES}\n`;
}
