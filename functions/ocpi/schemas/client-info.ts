import type * as z from 'zod/mini';
import { RoleSchema } from './credentials';
import { closedEnum } from './enums';
import { ocpiObject } from './objects';
import { CountryCodeSchema, DateTimeSchema, PartyIdSchema } from './primitives';

/** ConnectionStatus (hubclientinfo §15.4.1). ClientInfo objects are never deleted: they end SUSPENDED. */
export const CONNECTION_STATUSES = ['CONNECTED', 'OFFLINE', 'PLANNED', 'SUSPENDED'] as const;
export const ConnectionStatusSchema = closedEnum(CONNECTION_STATUSES);
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

/** ClientInfo (hubclientinfo §15.3.1): every field required. */
export const ClientInfoSchema = ocpiObject(() => ({
  party_id: PartyIdSchema,
  country_code: CountryCodeSchema,
  role: RoleSchema,
  status: ConnectionStatusSchema,
  last_updated: DateTimeSchema,
}));
export type ClientInfo = z.infer<typeof ClientInfoSchema>;
