/** OCPI 2.2.1 module identifiers, interface roles and version numbers (version_information §1, ocpi-notes §2.1). */

export const MODULE_IDS_221 = [
  'cdrs',
  'chargingprofiles',
  'commands',
  'credentials',
  'hubclientinfo',
  'locations',
  'sessions',
  'tariffs',
  'tokens',
] as const;

export type ModuleId = (typeof MODULE_IDS_221)[number];

export const InterfaceRole = { SENDER: 'SENDER', RECEIVER: 'RECEIVER' } as const;
export type InterfaceRole = (typeof InterfaceRole)[keyof typeof InterfaceRole];

export function isModuleId(id: string): id is ModuleId {
  return (MODULE_IDS_221 as readonly string[]).includes(id);
}

/** Configuration modules never carry routing headers (transport_and_format §4.1.5, ocpi-notes §1.2). */
const CONFIGURATION_MODULES: ReadonlySet<string> = new Set(['versions', 'credentials', 'hubclientinfo']);

export function isConfigurationModule(id: string): boolean {
  return CONFIGURATION_MODULES.has(id);
}

/** Functional modules the hub relays; it exposes both interfaces of each, as a hub sits on both sides. */
export const FUNCTIONAL_MODULES_221 = [
  'locations',
  'tariffs',
  'tokens',
  'sessions',
  'cdrs',
  'commands',
  'chargingprofiles',
] as const satisfies readonly ModuleId[];

export type EndpointRef = { identifier: ModuleId; role: InterfaceRole };

/**
 * The path (below `/{tenant}/ocpi/2.2.1`) of each endpoint the hub advertises. Configuration modules
 * have one interface; functional modules get one URL per interface because their paths collide
 * otherwise (Sender `GET {url}/{id}/{evse}/{connector}` vs Receiver `GET {url}/{cc}/{pid}/{id}`).
 */
export function endpointPath(ref: EndpointRef): string {
  if (ref.identifier === 'credentials' || ref.identifier === 'hubclientinfo') return `/${ref.identifier}`;
  return `/${ref.role.toLowerCase()}/${ref.identifier}`;
}

const VERSION_NUMBERS = ['2.0', '2.1', '2.1.1', '2.2', '2.2.1', '2.3.0'] as const;
export type VersionNumber = (typeof VERSION_NUMBERS)[number];

export const VersionNumbers = {
  V2_0: '2.0',
  V2_1: '2.1',
  V2_1_1: '2.1.1',
  V2_2: '2.2',
  V2_2_1: '2.2.1',
  V2_3_0: '2.3.0',
} as const satisfies Record<string, VersionNumber>;

/**
 * The versions the hub serves, each under `/{tenant}/ocpi/<version>`: 2.2.1, its own model, and 2.1.1,
 * translated at the edge to and from 2.2.1 (docs/ocpi-2.1.1-translation.md).
 */
export const HUB_VERSIONS = ['2.1.1', '2.2.1'] as const;
export type HubVersion = (typeof HUB_VERSIONS)[number];

/** Numeric per-segment comparison, so `2.2.1` > `2.2` > `2.1.1` and `2.10` > `2.9`. */
export function compareVersions(a: string, b: string): number {
  const as = a.split('.').map(segmentValue);
  const bs = b.split('.').map(segmentValue);
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const diff = (as[i] ?? -1) - (bs[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

function segmentValue(segment: string): number {
  return /^\d+$/.test(segment) ? Number(segment) : -1;
}

/** The highest version both sides list (exact match after trimming), in our spelling; undefined if none. */
export function pickMutualVersion(ours: readonly string[], theirs: readonly string[]): string | undefined {
  const theirSet = new Set(theirs.map((v) => v.trim()));
  const mutual = ours.filter((v) => theirSet.has(v.trim()));
  return mutual.sort(compareVersions).at(-1);
}
