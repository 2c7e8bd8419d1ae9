import * as z from 'zod/mini';
import { ALLOWED_TYPES } from '../../schemas/authorization-info';
import { DisplayTextSchema } from '../../schemas/display-text';
import { WHITELIST_TYPES } from '../../schemas/token';
import {
  closedEnum,
  DateTime211Schema,
  Id211Schema,
  LongId211Schema,
  ocpiObject,
  ocpiString,
  openEnum,
  patch211,
} from './primitives';

/** TokenType (OCPI 2.1.1 tokens): only OTHER and RFID (2.2.1 adds APP_USER and AD_HOC_USER). */
export const TOKEN_TYPES_211 = ['OTHER', 'RFID'] as const;
/** Open as in 2.3.0 (ocpi-notes §7). */
export const TokenType211Schema = openEnum(TOKEN_TYPES_211);
export type TokenType211 = z.infer<typeof TokenType211Schema>;

/**
 * Token (OCPI 2.1.1 tokens): `auth_id` is what 2.2.1 calls `contract_id`; no owner fields, group_id,
 * default_profile_type or energy_contract.
 */
const token211Fields = () => ({
  uid: Id211Schema,
  type: TokenType211Schema,
  auth_id: Id211Schema,
  visual_number: z.optional(ocpiString(64)),
  issuer: ocpiString(64),
  valid: z.boolean(),
  whitelist: closedEnum(WHITELIST_TYPES),
  language: z.optional(ocpiString(2)),
  last_updated: DateTime211Schema,
});
export const Token211Schema = ocpiObject(token211Fields);
export type Token211 = z.infer<typeof Token211Schema>;

/** Token PATCH (OCPI 2.1.1 tokens): any subset of fields; no `last_updated` needed. */
export const Token211PatchSchema = patch211(token211Fields);
export type Token211Patch = z.infer<typeof Token211PatchSchema>;

/** LocationReferences (OCPI 2.1.1 tokens): also lists connector ids, which 2.2.1 dropped. */
export const LocationReferences211Schema = ocpiObject(() => ({
  location_id: LongId211Schema,
  evse_uids: z.optional(z.array(LongId211Schema)),
  connector_ids: z.optional(z.array(Id211Schema)),
}));
export type LocationReferences211 = z.infer<typeof LocationReferences211Schema>;

/** Allowed (OCPI 2.1.1 tokens): the same values as 2.2.1's AllowedType. */
export const Allowed211Schema = closedEnum(ALLOWED_TYPES);

/** AuthorizationInfo (OCPI 2.1.1 tokens): no token and no authorization_reference (both added in 2.2). */
export const AuthorizationInfo211Schema = ocpiObject(() => ({
  allowed: Allowed211Schema,
  location: z.optional(LocationReferences211Schema),
  info: z.optional(DisplayTextSchema),
}));
export type AuthorizationInfo211 = z.infer<typeof AuthorizationInfo211Schema>;
