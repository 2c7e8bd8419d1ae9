import * as z from 'zod/mini';
import { closedEnum } from './enums';
import { ocpiObject } from './objects';
import { DateTimeSchema, IntSchema, UrlSchema } from './primitives';

export const CHARGING_RATE_UNITS = ['W', 'A'] as const;
export const ChargingRateUnitSchema = closedEnum(CHARGING_RATE_UNITS);
export type ChargingRateUnit = z.infer<typeof ChargingRateUnitSchema>;

/** The spec accepts "at most one digit fraction (e.g. 8.1)" for a period limit. */
function hasAtMostOneDecimal(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

/** ChargingProfilePeriod (chargingprofiles §14.4.5): start_period in seconds from the profile start. */
export const ChargingProfilePeriodSchema = ocpiObject(() => ({
  start_period: IntSchema.check(z.minimum(0)),
  limit: z.number().check(z.refine(hasAtMostOneDecimal, { message: 'must have at most one decimal' })),
}));
export type ChargingProfilePeriod = z.infer<typeof ChargingProfilePeriodSchema>;

/** ChargingProfile (chargingprofiles §14.4.4). duration in seconds. */
export const ChargingProfileSchema = ocpiObject(() => ({
  start_date_time: z.optional(DateTimeSchema),
  duration: z.optional(IntSchema),
  charging_rate_unit: ChargingRateUnitSchema,
  min_charging_rate: z.optional(z.number()),
  charging_profile_period: z.optional(z.array(ChargingProfilePeriodSchema)),
}));
export type ChargingProfile = z.infer<typeof ChargingProfileSchema>;

/** SetChargingProfile (chargingprofiles §14.3.2): PUT body; the hub rewrites response_url (ocpi-notes §3.6). */
export const SetChargingProfileSchema = ocpiObject(() => ({
  charging_profile: ChargingProfileSchema,
  response_url: UrlSchema,
}));
export type SetChargingProfile = z.infer<typeof SetChargingProfileSchema>;

/** ActiveChargingProfile (chargingprofiles §14.3.1): the schedule the CPO actually applies. */
export const ActiveChargingProfileSchema = ocpiObject(() => ({
  start_date_time: DateTimeSchema,
  charging_profile: ChargingProfileSchema,
}));
export type ActiveChargingProfile = z.infer<typeof ActiveChargingProfileSchema>;
