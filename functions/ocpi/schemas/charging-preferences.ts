import { z } from 'zod';
import { DateTimeSchema } from '../datetime';
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
export const ChargingPreferencesResponseSchema = z.enum(CHARGING_PREFERENCES_RESPONSES);
export type ChargingPreferencesResponse = z.infer<typeof ChargingPreferencesResponseSchema>;

/** ChargingPreferences (sessions §9.3.2): energy_need in kWh; discharge_allowed defaults to false. */
export const ChargingPreferencesSchema = z.looseObject({
  profile_type: ProfileTypeSchema,
  departure_time: DateTimeSchema.optional(),
  energy_need: z.number().optional(),
  discharge_allowed: z.boolean().optional(),
});
export type ChargingPreferences = z.infer<typeof ChargingPreferencesSchema>;
