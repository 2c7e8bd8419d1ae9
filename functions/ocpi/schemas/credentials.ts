import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';
import { BusinessDetailsSchema } from './business-details';
import { closedEnum } from './enums';
import { nonEmptyList, ocpiObject } from './objects';
import { CountryCodeSchema, PartyIdSchema, UrlSchema } from './primitives';

/** Role (types §16.5, 2.2.1): includes HUB, which 2.3.0 drops. */
export const ROLES = ['CPO', 'EMSP', 'HUB', 'NAP', 'NSP', 'OTHER', 'SCSP'] as const;
export const RoleSchema = closedEnum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** CredentialsRole (credentials §7.4.1): one party behind the platform. */
export const CredentialsRoleSchema = ocpiObject(() => ({
  role: RoleSchema,
  business_details: BusinessDetailsSchema,
  party_id: PartyIdSchema,
  country_code: CountryCodeSchema,
}));
export type CredentialsRole = z.infer<typeof CredentialsRoleSchema>;

/**
 * A credentials token is string(64) of printable non-whitespace ASCII (credentials §7.3.1): it travels
 * in an Authorization header, where spaces or non-ASCII would not survive.
 */
export const CredentialsTokenSchema = builtOnFirstUse(() =>
  z
    .string()
    .check(z.maxLength(64), z.regex(/^[!-~]+$/, { message: 'must be printable ASCII without whitespace' })),
);

/**
 * Credentials (credentials §7.3.1). `url` is the party's *versions* endpoint. Each (role, party_id,
 * country_code) combination must be unique.
 */
export const CredentialsSchema = builtOnFirstUse(() =>
  ocpiObject(() => ({
    token: CredentialsTokenSchema,
    url: UrlSchema,
    roles: nonEmptyList(CredentialsRoleSchema),
  })).check(
    z.superRefine((credentials, ctx) => {
      const seen = new Set<string>();
      credentials.roles.forEach((role, index) => {
        const key = `${role.role}/${role.country_code.toUpperCase()}/${role.party_id.toUpperCase()}`;
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            message: `duplicates role ${role.role} ${role.country_code}/${role.party_id}`,
            path: ['roles', index],
          });
        }
        seen.add(key);
      });
    }),
  ),
);
export type Credentials = z.infer<typeof CredentialsSchema>;
