import * as z from 'zod/mini';
import { DisplayTextSchema } from './display-text';
import { closedEnum } from './enums';
import { ocpiObject } from './objects';
import { ciString, IdSchema } from './primitives';
import { TokenSchema } from './token';

/** AllowedType (tokens §12.4.1): blocked or expired is still HTTP 200 + 1000 with `allowed` set. */
export const ALLOWED_TYPES = ['ALLOWED', 'BLOCKED', 'EXPIRED', 'NO_CREDIT', 'NOT_ALLOWED'] as const;
export const AllowedTypeSchema = closedEnum(ALLOWED_TYPES);
export type AllowedType = z.infer<typeof AllowedTypeSchema>;

/** LocationReferences (tokens §12.4.3): optional body of the real-time authorize POST. */
export const LocationReferencesSchema = ocpiObject(() => ({
  location_id: IdSchema,
  evse_uids: z.optional(z.array(IdSchema)),
}));
export type LocationReferences = z.infer<typeof LocationReferencesSchema>;

/** AuthorizationInfo (tokens §12.3.1): the authorize response, carrying the full Token. */
export const AuthorizationInfoSchema = ocpiObject(() => ({
  allowed: AllowedTypeSchema,
  token: TokenSchema,
  location: z.optional(LocationReferencesSchema),
  authorization_reference: z.optional(ciString(36)),
  info: z.optional(DisplayTextSchema),
}));
export type AuthorizationInfo = z.infer<typeof AuthorizationInfoSchema>;
