import { InboundTokens } from './inbound-tokens';
import { Misbehaviour } from './misbehaviour';
import type {
  AllowedType,
  CommandBehaviour,
  Credentials,
  Endpoint,
  ReceivedPush,
  RecordedRequest,
  SenderModule,
  SentCallback,
  SimulatedPlatformOptions,
  SimulatedRole,
  TokenEncoding,
} from './types';
import { REAL_WORLD_MODES } from './types';

/** What this platform knows about the hub it is connected to. */
export interface HubLink {
  /** The token this platform presents to the hub (token C, or the hub's token B when the hub registered). */
  token?: string;
  versionsUrl?: string;
  endpoints: Endpoint[];
  credentials?: Credentials;
}

/** All mutable state of one simulated platform, shared by its route modules. */
export interface PlatformState {
  readonly roles: SimulatedRole[];
  readonly name: string;
  tokenEncoding: TokenEncoding;
  pageLimit: number;
  readonly fetchHubOnRegistration: boolean;
  baseUrl: string;
  versions: string[];
  omitted: Set<string>;
  readonly misbehaviour: Misbehaviour;
  readonly inbound: InboundTokens;
  readonly hub: HubLink;
  registered: boolean;
  readonly requests: RecordedRequest[];
  readonly received: ReceivedPush[];
  /** Objects pushed to this platform's Receiver interfaces, keyed by receiverKey(). */
  readonly receiverStore: Map<string, Record<string, unknown>>;
  /** Objects served by this platform's Sender interfaces, in creation order. */
  readonly seeded: Map<SenderModule, Record<string, unknown>[]>;
  commands: CommandBehaviour;
  /** The `data` of this CPO's answer to a charging_preferences PUT. */
  chargingPreferencesAnswer: unknown;
  /** Token uid (upper case) -> real-time authorization answer. */
  readonly authorizations: Map<string, AllowedType | 'unknown'>;
  readonly sentCallbacks: SentCallback[];
  readonly timers: Set<NodeJS.Timeout>;
}

export function createPlatformState(options: SimulatedPlatformOptions): PlatformState {
  if (options.roles.length === 0) throw new Error('a simulated platform needs at least one role');
  return {
    roles: options.roles,
    name: options.name ?? options.roles[0]?.business_details?.name ?? 'Simulated platform',
    tokenEncoding: options.tokenEncoding ?? (options.profile === 'real-world' ? 'raw' : 'base64'),
    pageLimit: options.pageLimit ?? 50,
    fetchHubOnRegistration: options.fetchHubOnRegistration ?? true,
    baseUrl: '',
    versions: ['2.2.1'],
    omitted: new Set(),
    misbehaviour: Misbehaviour.withModes(options.profile === 'real-world' ? REAL_WORLD_MODES : []),
    inbound: new InboundTokens(options.previousTokenGraceMs ?? 0),
    hub: { endpoints: [] },
    registered: false,
    requests: [],
    received: [],
    receiverStore: new Map(),
    seeded: new Map(),
    commands: { response: 'ACCEPTED', timeout: 30, result: 'ACCEPTED', resultDelayMs: 50, sendResult: true },
    chargingPreferencesAnswer: 'ACCEPTED',
    authorizations: new Map(),
    sentCallbacks: [],
    timers: new Set(),
  };
}

/** CiStrings are case-insensitive (ocpi-notes §1.6), so keys use upper case. */
export function receiverKey(module: string, ...parts: string[]): string {
  return [module, ...parts.map((p) => p.toUpperCase())].join('|');
}

/** The first role (the default OCPI-from party). */
export function primaryRole(state: PlatformState): SimulatedRole {
  return state.roles[0]!;
}
