/**
 * CloudWatch metrics the functions emit (EMF) and the stack alarms on: one place for both sides
 * (infra/constructs/hub-alarms.ts). Every delivery metric carries the Tenant dimension.
 */
export const HUB_METRICS = {
  namespace: 'OcpiHub',
  tenantDimension: 'Tenant',
  /** A push to a partner that the partner accepted (count). */
  deliveriesSent: 'DeliveriesSent',
  /** A push attempt that failed: partner error, timeout or refusal (count). */
  deliveriesFailed: 'DeliveriesFailed',
} as const;
