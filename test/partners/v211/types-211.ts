/** Types of the simulated OCPI 2.1.1 platform (test/partners/v211). */
export interface Platform211Options {
  role: 'CPO' | 'EMSP';
  country_code: string;
  party_id: string;
  name?: string;
}

/** The flat 2.1.1 credentials object: one party, no roles (OCPI 2.1.1 credentials §7.1). */
export interface Credentials211 {
  token: string;
  url: string;
  business_details: { name: string; website?: string };
  party_id: string;
  country_code: string;
}

export interface HubResponse211 {
  status: number;
  headers: Record<string, string>;
  /** The envelope, or undefined for an empty body. */
  body: { status_code?: number; status_message?: string; data?: unknown } | undefined;
}

export interface Received211 {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: unknown;
  /** The request was refused (unknown token). */
  refused?: boolean;
}

export interface Platform211Env {
  Variables: { body: unknown; tokenKind: 'A' | 'full' };
}
