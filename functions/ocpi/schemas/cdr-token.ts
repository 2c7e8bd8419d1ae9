import * as z from 'zod/mini';
import { closedEnum } from './enums';
import { ocpiObject } from './objects';
import { CountryCodeSchema, ciString, IdSchema, PartyIdSchema } from './primitives';
import { TokenTypeSchema } from './token';

/** AuthMethod (cdrs §10.4.1): a CDR reports the last method used. */
export const AUTH_METHODS = ['AUTH_REQUEST', 'COMMAND', 'WHITELIST'] as const;
export const AuthMethodSchema = closedEnum(AUTH_METHODS);
export type AuthMethod = z.infer<typeof AuthMethodSchema>;

/**
 * CdrToken (cdrs §10.4.3), used by Session and CDR. `country_code` and `party_id` (the eMSP that owns
 * the token) are required in 2.2.1-d2, but the original 2.2.1 text (2021) and its examples lacked them
 * (ocpi-notes §9 item 7). Partners built against that text still omit them, and rejecting their Sessions and
 * CDRs would lose billing data, so both fields are optional here: accept inbound, route by the other
 * fields when they are missing. plausibilityWarnings() reports the omission.
 */
export const CdrTokenSchema = ocpiObject(() => ({
  country_code: z.optional(CountryCodeSchema),
  party_id: z.optional(PartyIdSchema),
  uid: IdSchema,
  type: TokenTypeSchema,
  contract_id: ciString(36),
}));
export type CdrToken = z.infer<typeof CdrTokenSchema>;
