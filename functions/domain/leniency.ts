/**
 * The deviations from OCPI 2.2.1 the hub tolerates in a partner's traffic (tolerant reader, issue #11),
 * counted per partner and shown in the admin partner detail, so operators see which partner is sloppy
 * where before it breaks something. What the hub passes on is normalized to the spec's shape.
 */
export const LENIENCY_KINDS = [
  /** JSON `null` in an optional field (read as absent, passed on without it). */
  'null_fields',
  /** A one-element list where one object (or value) is due (unwrapped). */
  'list_wrapped_object',
  /** CiStrings (country codes, party ids, enum values, endpoint identifiers and roles) in lower case. */
  'lowercase_cistrings',
  /** A token sent or expected raw instead of base64-encoded (ocpi-notes §10.1). */
  'raw_token',
  /** HTTP 403 where 401 is due (a refused token). */
  'status_403_for_401',
  /** Advertised URLs ending in `/` (called exactly as advertised). */
  'trailing_slash_url',
  /** A pagination Link on the partner's host with another scheme (followed). */
  'link_scheme_differs',
  /** A pagination Link to another host (not followed). */
  'link_other_host',
  /** Fields OCPI 2.2.1 does not define (kept). */
  'unknown_fields',
] as const;

export type LeniencyKind = (typeof LENIENCY_KINDS)[number];

/** Counts per kind; kinds never needed are absent. */
export type LeniencyCounts = Partial<Record<LeniencyKind, number>>;

export interface LeniencyRecord {
  counts: LeniencyCounts;
  last_seen_at?: string;
}
