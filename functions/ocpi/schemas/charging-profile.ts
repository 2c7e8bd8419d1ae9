import { z } from 'zod';
import { DateTimeSchema } from '../datetime';
import { IntSchema, UrlSchema } from './primitives';

export const CHARGING_RATE_UNITS = ['W', 'A'] as const;
export const ChargingRateUnitSchema = z.enum(CHARGING_RATE_UNITS);
export type ChargingRateUnit = z.infer<typeof ChargingRateUnitSchema>;

/** The spec accepts "at most one digit fraction (e.g. 8.1)" for a period limit. */
function hasAtMostOneDecimal(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

/** ChargingProfilePeriod (chargingprofiles §14.4.5): start_period in seconds from the profile start. */
export const ChargingProfilePeriodSchema = z.looseObject({
  start_period: IntSchema.min(0),
  limit: z.number().refine(hasAtMostOneDecimal, { message: 'must have at most one decimal' }),
});
export type ChargingProfilePeriod = z.infer<typeof ChargingProfilePeriodSchema>;

/** ChargingProfile (chargingprofiles §14.4.4). duration in seconds. */
export const ChargingProfileSchema = z.looseObject({
  start_date_time: DateTimeSchema.optional(),
  duration: IntSchema.optional(),
  charging_rate_unit: ChargingRateUnitSchema,
  min_charging_rate: z.number().optional(),
  charging_profile_period: z.array(ChargingProfilePeriodSchema).optional(),
});
export type ChargingProfile = z.infer<typeof ChargingProfileSchema>;

/** SetChargingProfile (chargingprofiles §14.3.2): PUT body; the hub rewrites response_url (ocpi-notes §3.6). */
export const SetChargingProfileSchema = z.looseObject({
  charging_profile: ChargingProfileSchema,
  response_url: UrlSchema,
});
export type SetChargingProfile = z.infer<typeof SetChargingProfileSchema>;

/** ActiveChargingProfile (chargingprofiles §14.3.1): the schedule the CPO actually applies. */
export const ActiveChargingProfileSchema = z.looseObject({
  start_date_time: DateTimeSchema,
  charging_profile: ChargingProfileSchema,
});
export type ActiveChargingProfile = z.infer<typeof ActiveChargingProfileSchema>;
