import { z } from 'zod';
import { PARTY_ROLES } from '../../domain/partner';

/** OCPI CiString(2) / CiString(3) as the credentials roles carry them (credentials §CredentialsRole). */
const CountryCode = z.string().regex(/^[A-Za-z]{2}$/, 'must be 2 letters (ISO-3166 alpha-2)');
const PartyId = z.string().regex(/^[A-Za-z0-9]{3}$/, 'must be 3 letters or digits');

export const PartnerRoleInputSchema = z.strictObject({
  role: z.enum(PARTY_ROLES as [string, ...string[]]).transform((r) => r as (typeof PARTY_ROLES)[number]),
  country_code: CountryCode,
  party_id: PartyId,
  business_details: z
    .strictObject({ name: z.string().min(1).max(100), website: z.url().max(255).optional() })
    .optional(),
});

export const CreatePartnerSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  roles: z
    .array(PartnerRoleInputSchema)
    .min(1, 'at least one role is required')
    .max(50)
    .refine(
      (roles) =>
        new Set(roles.map((r) => `${r.country_code}*${r.party_id}*${r.role}`.toUpperCase())).size ===
        roles.length,
      'each (role, country_code, party_id) may appear once',
    ),
});

export const ConnectPartnerSchema = z.strictObject({
  versions_url: z.url().max(255),
  token: z.string().regex(/^[\x21-\x7e]{1,64}$/, 'must be 1-64 printable ASCII characters without spaces'),
});
