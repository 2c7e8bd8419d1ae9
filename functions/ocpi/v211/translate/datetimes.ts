import { toUtcDateTime } from '../iso-datetime';

/**
 * The DateTime fields of every OCPI object go by these names, and no other field does, except
 * RegularHours.period_begin/period_end, which are `HH:MM` and stay untouched because they are no
 * DateTime.
 */
const DATE_TIME_KEYS: ReadonlySet<string> = new Set([
  'last_updated',
  'start_date_time',
  'end_date_time',
  'period_begin',
  'period_end',
  'expiry_date',
]);

/**
 * A copy of `value` with every 2.1.1 DateTime that carries an offset turned into the same instant in UTC
 * (2.2.1 forbids offsets, types §16.2). Values already in UTC are kept as sent: the hub never rewrites a
 * timestamp it does not have to (ocpi-notes §3.6).
 */
export function utcDateTimes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(utcDateTimes) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] =
      typeof field === 'string' && DATE_TIME_KEYS.has(key)
        ? (toUtcDateTime(field) ?? field)
        : utcDateTimes(field);
  }
  return out as T;
}
