/**
 * CloudWatch metrics the functions emit (EMF, functions/metrics.ts) and the stack alarms on and
 * charts: one place for both sides (infra/constructs/hub-alarms.ts, hub-dashboard.ts). Every metric
 * is a count in the namespace below.
 */
export const HUB_METRICS = {
  namespace: 'OcpiHub',
  tenantDimension: 'Tenant',
  /** A push to a partner that the partner accepted. */
  deliveriesSent: 'DeliveriesSent',
  /** A push attempt that failed: partner error, timeout or refusal. */
  deliveriesFailed: 'DeliveriesFailed',
  /** A failed push scheduled to be tried again. */
  deliveriesRetried: 'DeliveriesRetried',
  /** Billing data (CDRs) given up on after every retry: the partner never got it. */
  deliveriesDeadLettered: 'DeliveriesDeadLettered',
  /** An answered API request. */
  requests: 'Requests',
  /** A completed credentials registration (partner- or hub-initiated). */
  handshakes: 'Handshakes',
  /** A completed credentials rotation (partner- or hub-initiated, scheduled included). */
  rotations: 'Rotations',
  /** A request refused with 401: missing, unknown, expired or misplaced token. */
  authFailures: 'AuthFailures',
  /** A request refused with 429 by the hub's own limiter (in AWS the WAF answers most; see its metrics). */
  throttles: 'Throttled',
} as const;

export type HubMetricName = Exclude<(typeof HUB_METRICS)[keyof typeof HUB_METRICS], 'OcpiHub' | 'Tenant'>;

/**
 * The dimensions of each metric. Every value is from a bounded set (configured tenants, known
 * modules, HTTP methods and statuses), never free text from a request: each distinct combination is
 * a billed CloudWatch metric.
 */
export const METRIC_DIMENSIONS = {
  DeliveriesSent: ['Tenant'],
  DeliveriesFailed: ['Tenant'],
  DeliveriesRetried: ['Tenant'],
  DeliveriesDeadLettered: ['Tenant'],
  Requests: ['Api', 'Module', 'Method', 'Status'],
  Handshakes: ['Tenant'],
  Rotations: ['Tenant'],
  AuthFailures: ['Tenant', 'Api'],
  Throttled: ['Tenant'],
} as const satisfies Record<HubMetricName, readonly string[]>;

export type DimensionsOf<N extends HubMetricName> = Record<(typeof METRIC_DIMENSIONS)[N][number], string>;
