import type { AuthMethod } from '../../schemas/cdr-token';
import type { ChargingPeriod } from '../../schemas/charging-period';
import type { Price } from '../../schemas/price';
import {
  type AuthMethod211,
  CDR_DIMENSION_TYPES_211,
  type CdrDimensionType211,
  type ChargingPeriod211,
} from '../schemas/session';
import { fieldPath, type LossLog, noteLoss } from './untranslatable';

function isDimensionType211(type: string): type is CdrDimensionType211 {
  return (CDR_DIMENSION_TYPES_211 as readonly string[]).includes(type);
}

/**
 * Charging periods toward 2.1.1: dimension types 2.1.1 lacks (power, state of charge, energy import and
 * export, current, reservation time) are left out, a period left without dimensions goes, and the
 * period's tariff_id (2.2.1 only) is dropped. Volumes are copied, never recomputed.
 */
export function chargingPeriodsTo211(periods: readonly ChargingPeriod[], path: string, log?: LossLog) {
  const kept: ChargingPeriod211[] = [];
  periods.forEach((period, index) => {
    const at = fieldPath(path, index);
    const { dimensions, tariff_id, ...rest } = period;
    if (tariff_id !== undefined) noteLoss(log, `${at}.tariff_id`, 'dropped: 2.1.1 has no such field');
    const known = dimensions.filter((dimension) => isDimensionType211(dimension.type));
    if (known.length < dimensions.length) {
      const lost = dimensions.filter((dimension) => !isDimensionType211(dimension.type)).map((d) => d.type);
      noteLoss(log, `${at}.dimensions`, `left out, unknown to 2.1.1: ${lost.join(', ')}`);
    }
    if (known.length > 0) kept.push({ ...rest, dimensions: known } as ChargingPeriod211);
    else noteLoss(log, at, 'left out: none of its dimensions exists in 2.1.1');
  });
  return kept;
}

/**
 * Charging periods toward 2.2.1: 2.2.1 has no FLAT dimension (a flat fee is not a volume; the cost is in
 * total_cost), so FLAT dimensions are left out, and a period left empty goes.
 */
export function chargingPeriodsTo221(periods: readonly ChargingPeriod211[], path: string, log?: LossLog) {
  const kept: ChargingPeriod[] = [];
  periods.forEach((period, index) => {
    const { dimensions, ...rest } = period;
    const known = dimensions.filter((dimension) => dimension.type !== 'FLAT');
    if (known.length < dimensions.length) {
      noteLoss(log, `${fieldPath(path, index)}.dimensions`, 'FLAT left out: 2.2.1 has no such dimension');
    }
    if (known.length > 0) kept.push({ ...rest, dimensions: known } as ChargingPeriod);
  });
  return kept;
}

/** COMMAND (a session started remotely) does not exist in 2.1.1; the eMSP authorized it, as in AUTH_REQUEST. */
export function authMethodTo211(method: AuthMethod, log?: LossLog): AuthMethod211 {
  if (method !== 'COMMAND') return method;
  noteLoss(log, 'auth_method', 'COMMAND sent as AUTH_REQUEST');
  return 'AUTH_REQUEST';
}

/**
 * A 2.2.1 Price as the 2.1.1 number, which excludes VAT: `excl_vat` goes across exactly, `incl_vat` has
 * no place in 2.1.1.
 */
export function costTo211(price: Price, field: string, log?: LossLog): number {
  if (price.incl_vat !== undefined)
    noteLoss(log, `${field}.incl_vat`, 'dropped: 2.1.1 costs exclude VAT only');
  return price.excl_vat;
}

/** A 2.1.1 cost (excluding VAT) as a Price; VAT unknown, so `incl_vat` stays absent, not 0. */
export function costTo221(cost: number): Price {
  return { excl_vat: cost };
}
