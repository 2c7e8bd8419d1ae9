import { z } from 'zod';
import { DisplayTextSchema } from './display-text';
import { ciString, IdSchema } from './primitives';
import { TokenSchema } from './token';

/** AllowedType (tokens §12.4.1): blocked or expired is still HTTP 200 + 1000 with `allowed` set. */
export const ALLOWED_TYPES = ['ALLOWED', 'BLOCKED', 'EXPIRED', 'NO_CREDIT', 'NOT_ALLOWED'] as const;
export const AllowedTypeSchema = z.enum(ALLOWED_TYPES);
export type AllowedType = z.infer<typeof AllowedTypeSchema>;

/** LocationReferences (tokens §12.4.3): optional body of the real-time authorize POST. */
export const LocationReferencesSchema = z.looseObject({
  location_id: IdSchema,
  evse_uids: z.array(IdSchema).optional(),
});
export type LocationReferences = z.infer<typeof LocationReferencesSchema>;

/** AuthorizationInfo (tokens §12.3.1): the authorize response, carrying the full Token. */
export const AuthorizationInfoSchema = z.looseObject({
  allowed: AllowedTypeSchema,
  token: TokenSchema,
  location: LocationReferencesSchema.optional(),
  authorization_reference: ciString(36).optional(),
  info: DisplayTextSchema.optional(),
});
export type AuthorizationInfo = z.infer<typeof AuthorizationInfoSchema>;
