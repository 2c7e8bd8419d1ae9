import * as z from 'zod/mini';
import { PARTY_ROLES, roleKey } from '../../domain/partner';
import { MAX_ADMIN_TOKEN_DAYS } from '../../hub/auth/admin-tokens';

/** OCPI CiString(2) / CiString(3) as the credentials roles carry them (credentials §CredentialsRole). */
const CountryCode = z.string().check(z.regex(/^[A-Za-z]{2}$/, 'must be 2 letters (ISO-3166 alpha-2)'));
const PartyId = z.string().check(z.regex(/^[A-Za-z0-9]{3}$/, 'must be 3 letters or digits'));

const PartnerRoleInputSchema = z.strictObject({
  role: z.enum(PARTY_ROLES),
  country_code: CountryCode,
  party_id: PartyId,
  business_details: z.optional(
    z.strictObject({
      name: z.string().check(z.minLength(1), z.maxLength(100)),
      website: z.optional(z.url().check(z.maxLength(255))),
    }),
  ),
});

export const CreatePartnerSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  roles: z.array(PartnerRoleInputSchema).check(
    z.minLength(1, 'at least one role is required'),
    z.maxLength(50),
    z.refine(
      (roles) => new Set(roles.map(roleKey)).size === roles.length,
      'each (role, country_code, party_id) may appear once',
    ),
  ),
});

export const ConnectPartnerSchema = z.strictObject({
  versions_url: z.url().check(z.maxLength(255)),
  token: z
    .string()
    .check(z.regex(/^[\x21-\x7e]{1,64}$/, 'must be 1-64 printable ASCII characters without spaces')),
});

export const CreateAdminTokenSchema = z.strictObject({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(100),
      z.regex(/^[^\p{C}]*$/u, 'must not contain control characters'),
    ),
  /** Days until the token stops working; every token made through the API expires. */
  expires_in_days: z._default(z.int().check(z.minimum(1), z.maximum(MAX_ADMIN_TOKEN_DAYS)), 90),
});
