/** Public types of the simulated OCPI 2.2.1 partner platforms used by the hub's integration tests. */

export type PartyRoleName = 'CPO' | 'EMSP' | 'SCSP' | 'NSP' | 'OTHER';

export interface BusinessDetails {
  name: string;
  website?: string;
}

export interface SimulatedRole {
  role: PartyRoleName;
  country_code: string;
  party_id: string;
  business_details?: BusinessDetails;
}

export interface PartyRef {
  country_code: string;
  party_id: string;
}

export type TokenEncoding = 'base64' | 'raw';

export interface SimulatedPlatformOptions {
  roles: SimulatedRole[];
  name?: string;
  /** How this platform sends its token in `Authorization: Token ...` (ocpi-notes §1.1). Default base64. */
  tokenEncoding?: TokenEncoding;
  /** How long a replaced inbound token stays valid after a rotation. Default 0 (strict). */
  previousTokenGraceMs?: number;
  /** Largest page a Sender GET returns (X-Limit). Default 50. */
  pageLimit?: number;
  /** Whether an inbound credentials POST/PUT calls back the hub's versions + details. Default true. */
  fetchHubOnRegistration?: boolean;
  /** 'real-world': raw tokens and every REAL_WORLD_MODES deviation from the start. Default 'polite'. */
  profile?: 'polite' | 'real-world';
}

export type ModuleId =
  | 'cdrs'
  | 'chargingprofiles'
  | 'commands'
  | 'credentials'
  | 'hubclientinfo'
  | 'locations'
  | 'sessions'
  | 'tariffs'
  | 'tokens';

export type InterfaceRole = 'SENDER' | 'RECEIVER';

export interface Endpoint {
  identifier: string;
  role: InterfaceRole;
  url: string;
}

export interface CredentialsRole {
  role: string;
  country_code: string;
  party_id: string;
  business_details: BusinessDetails;
}

export interface Credentials {
  token: string;
  url: string;
  roles: CredentialsRole[];
}

export interface OcpiEnvelope<T = unknown> {
  data?: T;
  status_code: number;
  status_message?: string;
  timestamp: string;
}

/** Failures that hit a single request (usable with `failNext`). */
export type FailureMode = 'down' | 'slow' | 'garbage' | 'http500';

export type BehaviourMode =
  | 'normal'
  | FailureMode
  | 'missing-endpoints'
  | 'raw-token'
  | 'status-403-for-401'
  | 'lowercase-cistrings'
  | 'trailing-slash-urls'
  /** Absent optional fields written as JSON null (answers, pushes, its credentials). */
  | 'null-fields'
  /** Single-object answers (version details, credentials, authorization, charging preferences) in a one-element list. */
  | 'list-wrapped-answers'
  /** Page Links with https:// on this platform's own (http) host and port. */
  | 'wrong-scheme-link'
  /** Answers and pushes carry fields OCPI does not define. */
  | 'extra-fields';

/** Everything real OCPI libraries were seen doing (issue #11), as one profile. */
export const REAL_WORLD_MODES: readonly BehaviourMode[] = [
  'raw-token',
  'status-403-for-401',
  'lowercase-cistrings',
  'trailing-slash-urls',
  'null-fields',
  'list-wrapped-answers',
  'wrong-scheme-link',
  'extra-fields',
];

export interface BehaviourOptions {
  /** Delay used by 'slow'. Default 1000 ms. */
  delayMs?: number;
  /**
   * failNext only: the failures hit only requests whose path ends with this, so a push the hub sends
   * meanwhile (a ClientInfo delivery) cannot use them up before the request the test is about.
   */
  pathEndsWith?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Query string without the leading `?` ('' when none). */
  query: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON, raw text when not JSON, undefined when empty. */
  body: unknown;
  at: Date;
  /** Set when this request was answered with an injected failure. */
  failedAs?: FailureMode;
}

export interface ReceivedPush {
  module: string;
  method: string;
  path: string;
  query: string;
  body: unknown;
  headers: Record<string, string>;
  at: Date;
}

export interface HubResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface HubRequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Token override; null sends no Authorization header. */
  token?: string | null;
  /** Routing FROM party; defaults to the first role on functional modules; false omits it. */
  from?: PartyRef | false;
  /** Routing TO party (OCPI-to-* headers). */
  to?: PartyRef;
  /** Which hub interface to resolve a `module/...` path against (default: the counterpart of ours). */
  iface?: InterfaceRole;
  correlationId?: string;
}

export type CommandResponseType = 'ACCEPTED' | 'REJECTED' | 'NOT_SUPPORTED' | 'UNKNOWN_SESSION';
export type CommandResultType =
  | 'ACCEPTED'
  | 'CANCELED_RESERVATION'
  | 'EVSE_OCCUPIED'
  | 'EVSE_INOPERATIVE'
  | 'FAILED'
  | 'NOT_SUPPORTED'
  | 'REJECTED'
  | 'TIMEOUT'
  | 'UNKNOWN_RESERVATION';

export interface CommandBehaviour {
  response: CommandResponseType;
  /** `timeout` in the CommandResponse, in seconds. */
  timeout: number;
  result: CommandResultType;
  resultDelayMs: number;
  /** Whether the CPO POSTs the CommandResult to `response_url` at all. */
  sendResult: boolean;
  /**
   * An odd synchronous answer sent as is (HTTP 200) instead of the CommandResponse or
   * ChargingProfileResponse envelope, as real CPOs do; the real result still follows.
   */
  answerBody?: string;
}

export type AllowedType = 'ALLOWED' | 'BLOCKED' | 'EXPIRED' | 'NO_CREDIT' | 'NOT_ALLOWED';

/** A callback this platform POSTed (command result, charging profile result). */
export interface SentCallback {
  url: string;
  body: unknown;
  status: number | 'error';
  at: Date;
}

export type SenderModule = 'locations' | 'tariffs' | 'sessions' | 'cdrs' | 'tokens';

export interface RegistrationResult {
  hubCredentials: Credentials;
  tokenC: string;
}
