import * as z from 'zod/mini';
import { closedEnum } from './enums';
import { ocpiObject } from './objects';
import { DateTimeSchema } from './primitives';
import { ProfileTypeSchema } from './token';

/**
 * ChargingPreferencesResponse (sessions §9.4.1) is an enum: it is the whole `data` of the response to
 * `PUT {sessions}/{session_id}/charging_preferences`.
 */
export const CHARGING_PREFERENCES_RESPONSES = [
  'ACCEPTED',
  'DEPARTURE_REQUIRED',
  'ENERGY_NEED_REQUIRED',
  'NOT_POSSIBLE',
  'PROFILE_TYPE_NOT_SUPPORTED',
] as const;
export const ChargingPreferencesResponseSchema = closedEnum(CHARGING_PREFERENCES_RESPONSES);
export type ChargingPreferencesResponse = z.infer<typeof ChargingPreferencesResponseSchema>;

/** ChargingPreferences (sessions §9.3.2): energy_need in kWh; discharge_allowed defaults to false. */
export const ChargingPreferencesSchema = ocpiObject(() => ({
  profile_type: ProfileTypeSchema,
  departure_time: z.optional(DateTimeSchema),
  energy_need: z.optional(z.number()),
  discharge_allowed: z.optional(z.boolean()),
}));
export type ChargingPreferences = z.infer<typeof ChargingPreferencesSchema>;
