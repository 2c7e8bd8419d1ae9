import * as z from 'zod/mini';
import { Location211Schema } from './location';
import {
  CurrencySchema,
  closedEnum,
  DateTime211Schema,
  Id211Schema,
  nonEmptyList,
  ocpiObject,
  ocpiString,
  patch211,
} from './primitives';

/** AuthMethod (OCPI 2.1.1 cdrs): no COMMAND (added in 2.2). */
export const AUTH_METHODS_211 = ['AUTH_REQUEST', 'WHITELIST'] as const;
export const AuthMethod211Schema = closedEnum(AUTH_METHODS_211);
export type AuthMethod211 = z.infer<typeof AuthMethod211Schema>;

/** CdrDimensionType (OCPI 2.1.1 cdrs): has FLAT, which 2.2.1 dropped; lacks 2.2.1's power, SoC, reservation types. */
export const CDR_DIMENSION_TYPES_211 = [
  'ENERGY',
  'FLAT',
  'MAX_CURRENT',
  'MIN_CURRENT',
  'PARKING_TIME',
  'TIME',
] as const;
export const CdrDimensionType211Schema = closedEnum(CDR_DIMENSION_TYPES_211);
export type CdrDimensionType211 = z.infer<typeof CdrDimensionType211Schema>;

export const CdrDimension211Schema = ocpiObject(() => ({
  type: CdrDimensionType211Schema,
  volume: z.number(),
}));
export type CdrDimension211 = z.infer<typeof CdrDimension211Schema>;

/** ChargingPeriod (OCPI 2.1.1 cdrs): no tariff_id (added in 2.2). */
export const ChargingPeriod211Schema = ocpiObject(() => ({
  start_date_time: DateTime211Schema,
  dimensions: nonEmptyList(CdrDimension211Schema),
}));
export type ChargingPeriod211 = z.infer<typeof ChargingPeriod211Schema>;

/** SessionStatus (OCPI 2.1.1 sessions): no RESERVATION (added in 2.2). */
export const SESSION_STATUSES_211 = ['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING'] as const;
export const SessionStatus211Schema = closedEnum(SESSION_STATUSES_211);
export type SessionStatus211 = z.infer<typeof SessionStatus211Schema>;

/**
 * Session (OCPI 2.1.1 sessions): `start_datetime` / `end_datetime` (one underscore less than 2.2.1), the
 * token as `auth_id`, the whole Location with only the EVSE and connector in use, `total_cost` a number
 * excluding VAT, no owner fields.
 */
const session211Fields = () => ({
  id: Id211Schema,
  start_datetime: DateTime211Schema,
  end_datetime: z.optional(DateTime211Schema),
  kwh: z.number(),
  auth_id: Id211Schema,
  auth_method: AuthMethod211Schema,
  location: Location211Schema,
  meter_id: z.optional(ocpiString(255)),
  currency: CurrencySchema,
  charging_periods: z.optional(z.array(ChargingPeriod211Schema)),
  total_cost: z.optional(z.number()),
  status: SessionStatus211Schema,
  last_updated: DateTime211Schema,
});
export const Session211Schema = ocpiObject(session211Fields);
export type Session211 = z.infer<typeof Session211Schema>;

/** Session PATCH (OCPI 2.1.1 sessions): any subset of fields; no `last_updated` needed. */
export const Session211PatchSchema = patch211(session211Fields);
export type Session211Patch = z.infer<typeof Session211PatchSchema>;
