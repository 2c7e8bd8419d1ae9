import * as z from 'zod/mini';
import { ActiveChargingProfileSchema } from './charging-profile';
import { closedEnum } from './enums';
import { ocpiObject } from './objects';
import { IntSchema } from './primitives';

export const CHARGING_PROFILE_RESPONSE_TYPES = [
  'ACCEPTED',
  'NOT_SUPPORTED',
  'REJECTED',
  'TOO_OFTEN',
  'UNKNOWN_SESSION',
] as const;
export const ChargingProfileResponseTypeSchema = closedEnum(CHARGING_PROFILE_RESPONSE_TYPES);
export type ChargingProfileResponseType = z.infer<typeof ChargingProfileResponseTypeSchema>;

export const CHARGING_PROFILE_RESULT_TYPES = ['ACCEPTED', 'REJECTED', 'UNKNOWN'] as const;
export const ChargingProfileResultTypeSchema = closedEnum(CHARGING_PROFILE_RESULT_TYPES);
export type ChargingProfileResultType = z.infer<typeof ChargingProfileResultTypeSchema>;

/** ChargingProfileResponse (chargingprofiles §14.4.1): synchronous answer to GET/PUT/DELETE; timeout in s. */
export const ChargingProfileResponseSchema = ocpiObject(() => ({
  result: ChargingProfileResponseTypeSchema,
  timeout: IntSchema.check(z.minimum(0)),
}));
export type ChargingProfileResponse = z.infer<typeof ChargingProfileResponseSchema>;

/** ActiveChargingProfileResult (chargingprofiles §14.3.3): async result of a GET, POSTed to response_url. */
export const ActiveChargingProfileResultSchema = ocpiObject(() => ({
  result: ChargingProfileResultTypeSchema,
  profile: z.optional(ActiveChargingProfileSchema),
}));
export type ActiveChargingProfileResult = z.infer<typeof ActiveChargingProfileResultSchema>;

/** ChargingProfileResult (chargingprofiles §14.3.4): async result of a PUT. */
export const ChargingProfileResultSchema = ocpiObject(() => ({
  result: ChargingProfileResultTypeSchema,
}));
export type ChargingProfileResult = z.infer<typeof ChargingProfileResultSchema>;

/** ClearProfileResult (chargingprofiles §14.3.5): async result of a DELETE. */
export const ClearProfileResultSchema = ocpiObject(() => ({
  result: ChargingProfileResultTypeSchema,
}));
export type ClearProfileResult = z.infer<typeof ClearProfileResultSchema>;
