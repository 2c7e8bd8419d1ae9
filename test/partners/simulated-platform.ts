import type {
  AllowedType,
  BehaviourMode,
  BehaviourOptions,
  CommandBehaviour,
  Credentials,
  Endpoint,
  FailureMode,
  HubRequestOptions,
  HubResponse,
  InterfaceRole,
  ModuleId,
  PartyRef,
  ReceivedPush,
  RecordedRequest,
  RegistrationResult,
  SenderModule,
  SentCallback,
  SimulatedRole,
} from './types';

type Obj = Record<string, unknown>;

/** A running simulated OCPI 2.2.1 partner platform (see test/partners/README.md). */
export interface SimulatedPlatform {
  readonly name: string;
  readonly roles: SimulatedRole[];
  readonly baseUrl: string;
  /** `{base}/ocpi/versions` */
  readonly versionsUrl: string;
  /** `{base}/ocpi/2.2.1` */
  readonly versionDetailsUrl: string;
  /** Every inbound request, in arrival order (rejected and failed ones included). */
  readonly requests: RecordedRequest[];
  /** Every call that reached a Receiver interface or a callback URL, in arrival order. */
  readonly received: ReceivedPush[];
  /** Results this platform POSTed to `response_url`s. */
  readonly sentCallbacks: SentCallback[];
  /** The token this platform presents to the hub (token C after registerWith). */
  readonly hubToken: string | undefined;
  /** The token the hub must present to this platform now. */
  readonly inboundToken: string | undefined;
  readonly hubCredentials: Credentials | undefined;
  readonly hubEndpoints: Endpoint[];
  /** Whether a credentials handshake with the hub is in force (drives the 405 rules). */
  readonly registered: boolean;

  close(): Promise<void>;
  /** Versions advertised at `/ocpi/versions` (default ['2.2.1']). */
  setVersions(versions: string[]): void;
  /** Leaves these module identifiers out of the version details (replaces the previous list). */
  omitEndpoints(identifiers: string[]): void;
  endpointUrl(module: ModuleId, iface: InterfaceRole): string;
  setPageLimit(limit: number): void;

  /** Issues a token A the hub may use once for versions + credentials POST (hub-initiated handshake). */
  issueTokenA(): string;
  registerWith(hubVersionsUrl: string, tokenA: string): Promise<RegistrationResult>;
  rotate(): Promise<RegistrationResult>;
  unregister(): Promise<void>;
  /** Sets what is known about the hub without a handshake (for tests that wire links by hand). */
  connectTo(hub: { token?: string; versionsUrl?: string; endpoints?: Endpoint[] }): void;

  /** `pathOrUrl`: a full URL, `/path` at the hub's origin, or `module/rest` resolved via the hub's endpoints. */
  hubRequest(method: string, pathOrUrl: string, options?: HubRequestOptions): Promise<HubResponse>;
  pushLocation(location: Obj, options?: HubRequestOptions): Promise<HubResponse>;
  patchEvse(
    owner: PartyRef,
    locationId: string,
    evseUid: string,
    patch: Obj,
    options?: HubRequestOptions,
  ): Promise<HubResponse>;
  pushToken(token: Obj, options?: HubRequestOptions): Promise<HubResponse>;
  postCdr(cdr: Obj, options?: HubRequestOptions): Promise<HubResponse>;
  /** eMSP: POSTs a command with a fresh `response_url` at this platform. */
  sendCommand(
    command: string,
    body: Obj,
    options?: HubRequestOptions,
  ): Promise<{ response: HubResponse; responseUrl: string }>;

  /** Objects served by a Sender interface, oldest first (replaces earlier seeds of that module). */
  seed(module: SenderModule, objects: Obj[]): void;
  /** An object pushed to a Receiver interface (`type` only for tokens; hubclientinfo has no id: pass ''). */
  stored(module: ModuleId, countryCode: string, partyId: string, id: string, type?: string): Obj | undefined;
  storedAll(module: ModuleId): Obj[];
  /** Real-time authorization answer for a token uid; 'unknown' answers HTTP 404 + 2004. */
  setAuthorization(uid: string, allowed: AllowedType | 'unknown'): void;
  configureCommands(behaviour: Partial<CommandBehaviour>): void;
  /** CPO: the `data` of its answer to a charging_preferences PUT (default 'ACCEPTED'). */
  setChargingPreferencesAnswer(data: unknown): void;

  behave(mode: BehaviourMode | BehaviourMode[], options?: BehaviourOptions): void;
  /** Fails the next `count` inbound requests (to `options.pathEndsWith` if given) with `mode`, then recovers. */
  failNext(count: number, mode: FailureMode, options?: BehaviourOptions): void;
  /** Fails each inbound request at random with these rates, reproducibly from `seed`; behave() ends it. */
  chaos(rates: Partial<Record<FailureMode, number>>, seed?: number, options?: BehaviourOptions): void;
  /** Empties `requests`, `received` and `sentCallbacks`. */
  clearRequests(): void;
  /** Polls `probe` until it returns a value (not undefined/null/false). */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
}
