import type * as z from 'zod/mini';
import { BusinessDetailsSchema } from '../../schemas/business-details';
import { CredentialsTokenSchema } from '../../schemas/credentials';
import { CountryCodeSchema, ocpiObject, PartyIdSchema, UrlSchema } from './primitives';

/**
 * Credentials (OCPI 2.1.1 credentials): flat, one party per handshake and no role (2.2.1 nests parties
 * in `roles`). `url` is the party's versions endpoint.
 */
export const Credentials211Schema = ocpiObject(() => ({
  token: CredentialsTokenSchema,
  url: UrlSchema,
  business_details: BusinessDetailsSchema,
  party_id: PartyIdSchema,
  country_code: CountryCodeSchema,
}));
export type Credentials211 = z.infer<typeof Credentials211Schema>;
