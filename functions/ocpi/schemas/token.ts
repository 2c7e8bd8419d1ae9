import * as z from 'zod/mini';
import { closedEnum, openEnum } from './enums';
import { ocpiObject, ocpiPatch } from './objects';
import {
  CountryCodeSchema,
  ciString,
  DateTimeSchema,
  IdSchema,
  ocpiString,
  PartyIdSchema,
} from './primitives';

export const TOKEN_TYPES = ['AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID'] as const;
export const TokenTypeSchema = openEnum(TOKEN_TYPES);
export type TokenType = z.infer<typeof TokenTypeSchema>;

export const WHITELIST_TYPES = ['ALWAYS', 'ALLOWED', 'ALLOWED_OFFLINE', 'NEVER'] as const;
export const WhitelistTypeSchema = closedEnum(WHITELIST_TYPES);
export type WhitelistType = z.infer<typeof WhitelistTypeSchema>;

/** ProfileType (sessions §9.4.4), also the Token's `default_profile_type`. */
export const PROFILE_TYPES = ['CHEAP', 'FAST', 'GREEN', 'REGULAR'] as const;
export const ProfileTypeSchema = closedEnum(PROFILE_TYPES);
export type ProfileType = z.infer<typeof ProfileTypeSchema>;

/** EnergyContract (tokens §12.4.2): the driver's own energy supplier. */
export const EnergyContractSchema = ocpiObject(() => ({
  supplier_name: ocpiString(64),
  contract_id: z.optional(ocpiString(64)),
}));
export type EnergyContract = z.infer<typeof EnergyContractSchema>;

/**
 * Token (tokens §12.3.2), owned by the eMSP. Keyed by (country_code, party_id, uid, type): the same
 * uid may exist with several types. `group_id` may hold 36 characters, though OCPP 1.x only carries 20.
 */
const tokenFields = () => ({
  country_code: CountryCodeSchema,
  party_id: PartyIdSchema,
  uid: IdSchema,
  type: TokenTypeSchema,
  contract_id: ciString(36),
  visual_number: z.optional(ocpiString(64)),
  issuer: ocpiString(64),
  group_id: z.optional(ciString(36)),
  valid: z.boolean(),
  whitelist: WhitelistTypeSchema,
  language: z.optional(ocpiString(2)),
  default_profile_type: z.optional(ProfileTypeSchema),
  energy_contract: z.optional(EnergyContractSchema),
  last_updated: DateTimeSchema,
});
export const TokenSchema = ocpiObject(tokenFields);

export type Token = z.infer<typeof TokenSchema>;

/** Token PATCH (transport §4.1.2 / ocpi-notes §1.7): any subset of fields, but `last_updated` is mandatory. */
export const TokenPatchSchema = ocpiPatch(tokenFields);
export type TokenPatch = z.infer<typeof TokenPatchSchema>;
