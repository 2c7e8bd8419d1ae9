import * as z from 'zod/mini';
import type { PartnerEndpoint, TokenEncoding } from '../../domain/partner';
import { endpointUrl } from '../../domain/partner';
import {
  ClientApiUnusableError,
  formatIssuePath,
  NoMatchingEndpointsError,
  UnsupportedVersionError,
} from '../../ocpi/errors';
import {
  FUNCTIONAL_MODULES_221,
  type HubVersion,
  pickMutualVersion,
  VersionNumbers,
} from '../../ocpi/modules';
import { EndpointSchema, VersionSchema } from '../../ocpi/schemas/version';
import { Endpoint211Schema } from '../../ocpi/v211/schemas';
import { type Role211, versionDetailsTo221 } from '../../ocpi/v211/translate';
import type { TenantContext } from '../hub-runtime';
import { IGNORED_LENIENCIES, type Leniencies } from '../partners/leniency';
import { callPartner, PartnerApiError } from './partner-api';

/**
 * Which versions a discovery may settle on: the hub picks the highest both sides list (ocpi-notes §2.4),
 * so a partner offering 2.1.1 and 2.2.1 is connected on 2.2.1. 2.1.1 needs the role of the partner's one
 * party (its endpoints carry none); without it only 2.2.1 is possible.
 */
export interface DiscoveryScope {
  versions: readonly HubVersion[];
  role211?: Role211;
}

export interface DiscoveredPartner {
  version: HubVersion;
  endpoints: PartnerEndpoint[];
  credentialsUrl: string;
  /** The token encoding the partner accepted. */
  encoding: TokenEncoding;
}

/** Tolerant reader: role and identifier spellings vary in case between platforms. */
const lowerCaseNames = (raw: unknown) => {
  if (raw && typeof raw === 'object') {
    const e = raw as Record<string, unknown>;
    return {
      ...e,
      identifier: typeof e.identifier === 'string' ? e.identifier.toLowerCase() : e.identifier,
      role: typeof e.role === 'string' ? e.role.toUpperCase() : e.role,
    };
  }
  return raw;
};
const LenientEndpointSchema = z.pipe(z.transform(lowerCaseNames), EndpointSchema);
const LenientEndpoint211Schema = z.pipe(z.transform(lowerCaseNames), Endpoint211Schema);

/**
 * Fetches a partner's versions and the details of the version we share (credentials §4.1.1 step 5 /
 * ocpi-notes §2.4): unreachable or garbage -> 3001, no mutual version -> 3002, no credentials endpoint ->
 * 3003. Entries the hub cannot read are skipped rather than failing the whole list.
 */
export async function discoverPartner(
  ctx: TenantContext,
  versionsUrl: string,
  token: string,
  encoding: TokenEncoding,
  correlationId?: string,
  scope: DiscoveryScope = { versions: [VersionNumbers.V2_2_1] },
  leniencies: Leniencies = IGNORED_LENIENCIES,
): Promise<DiscoveredPartner> {
  const ours = scope.role211 ? scope.versions : scope.versions.filter((v) => v !== VersionNumbers.V2_1_1);
  const call = { correlationId, leniencies };
  const versions = await fetchData(ctx, versionsUrl, token, encoding, { ...call, expect: 'list' });
  if (!Array.isArray(versions.data)) {
    throw new ClientApiUnusableError(`the partner's versions answer is not a list of versions (data)`);
  }
  const unreadable: string[] = [];
  const offered = versions.data.flatMap((v, index) => {
    const parsed = VersionSchema.safeParse(v);
    if (!parsed.success) unreadable.push(firstIssue(parsed.error.issues, `data[${index}]`));
    return parsed.success ? [parsed.data] : [];
  });
  if (offered.length === 0) {
    throw new ClientApiUnusableError(
      `the partner's versions endpoint lists no readable version${unreadable.length ? `: ${unreadable[0]}` : ''}`,
    );
  }
  const version = pickMutualVersion(
    ours,
    offered.map((v) => v.version),
  ) as HubVersion | undefined;
  const chosen = offered.find((v) => v.version.trim() === version);
  if (!version || !chosen) {
    throw new UnsupportedVersionError(
      `no mutual OCPI version: the partner offers ${offered.map((v) => v.version).join(', ')}; the hub speaks ${ours.join(', ')} with it`,
    );
  }
  const details = await fetchData(ctx, chosen.url, token, versions.encoding, { ...call, expect: 'object' });
  const rawEndpoints = (details.data as { endpoints?: unknown } | undefined)?.endpoints;
  if (!Array.isArray(rawEndpoints)) {
    throw new ClientApiUnusableError(`the partner's version details carry no endpoints list`);
  }
  const skipped: string[] = [];
  const endpoints =
    version === VersionNumbers.V2_1_1
      ? endpoints211(rawEndpoints, scope.role211 as Role211, skipped)
      : rawEndpoints.flatMap((e, index) => {
          const parsed = LenientEndpointSchema.safeParse(e);
          if (!parsed.success) skipped.push(firstIssue(parsed.error.issues, `endpoints[${index}]`));
          return parsed.success
            ? [{ identifier: parsed.data.identifier, role: parsed.data.role, url: parsed.data.url }]
            : [];
        });
  notePartnerSpelling(leniencies, rawEndpoints, [versionsUrl, chosen.url]);
  const unreadableNote = skipped.length ? ` (unreadable: ${skipped.join('; ')})` : '';
  // The credentials endpoint's role is SENDER by the spec, but some send RECEIVER: ignore the role.
  const credentials = endpointUrl({ endpoints }, 'credentials');
  if (!credentials) {
    throw new NoMatchingEndpointsError(
      `the partner's ${version} details do not list a credentials endpoint${unreadableNote}`,
    );
  }
  // A platform that exposes no functional module cannot exchange anything through the hub.
  if (!endpoints.some((e) => (FUNCTIONAL_MODULES_221 as readonly string[]).includes(e.identifier))) {
    throw new NoMatchingEndpointsError(
      `the partner's ${version} details list no functional module endpoint${unreadableNote}`,
    );
  }
  return { version, endpoints, credentialsUrl: credentials, encoding: details.encoding };
}

/** 2.1.1 endpoints carry no role: each module gets the interface the partner's role implies. */
function endpoints211(raw: unknown[], role: Role211, skipped: string[]): PartnerEndpoint[] {
  const readable = raw.flatMap((e, index) => {
    const parsed = LenientEndpoint211Schema.safeParse(e);
    if (!parsed.success) skipped.push(firstIssue(parsed.error.issues, `endpoints[${index}]`));
    return parsed.success ? [parsed.data] : [];
  });
  return versionDetailsTo221({ version: '2.1.1', endpoints: readable }, role).endpoints;
}

/** Lower-case endpoint identifiers or roles and URLs ending in `/` are tolerated, and counted. */
function notePartnerSpelling(leniencies: Leniencies, rawEndpoints: unknown[], urls: string[]): void {
  const entries = rawEndpoints.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
  const lower = entries.some((e) => typeof e.role === 'string' && e.role !== e.role.toUpperCase());
  if (lower) leniencies.note('lowercase_cistrings');
  const slashed = [...urls, ...entries.map((e) => e.url)].some(
    (u) => typeof u === 'string' && u.endsWith('/'),
  );
  if (slashed) leniencies.note('trailing_slash_url');
}

async function fetchData(
  ctx: TenantContext,
  url: string,
  token: string,
  encoding: TokenEncoding,
  call: { correlationId?: string | undefined; leniencies: Leniencies; expect: 'object' | 'list' },
) {
  try {
    return await callPartner(ctx, {
      method: 'GET',
      url,
      token,
      encoding,
      expect: call.expect,
      leniencies: call.leniencies,
      ...(call.correlationId ? { correlationId: call.correlationId } : {}),
    });
  } catch (err) {
    if (err instanceof PartnerApiError)
      throw new ClientApiUnusableError(`unable to use the partner's API: ${err.message}`);
    throw err;
  }
}

/** `endpoints[2].url: Invalid URL`: the field an admin must ask the partner to fix. */
function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[], prefix: string): string {
  const issue = issues[0];
  return issue ? `${formatIssuePath(issue.path, prefix)}: ${issue.message}` : prefix;
}
