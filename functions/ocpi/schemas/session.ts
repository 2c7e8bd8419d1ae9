import * as z from 'zod/mini';
import { AuthMethodSchema, CdrTokenSchema } from './cdr-token';
import { ChargingPeriodSchema } from './charging-period';
import { closedEnum } from './enums';
import { ocpiObject, ocpiPatch } from './objects';
import { PriceSchema } from './price';
import {
  CountryCodeSchema,
  CurrencySchema,
  ciString,
  DateTimeSchema,
  IdSchema,
  ocpiString,
  PartyIdSchema,
} from './primitives';

/**
 * SessionStatus (sessions §9.4.2). The reservation section of the spec says `RESERVED`, but the enum
 * value is `RESERVATION`; only the enum value is accepted.
 */
export const SESSION_STATUSES = ['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING', 'RESERVATION'] as const;
export const SessionStatusSchema = closedEnum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/**
 * Session (sessions §9.3.1). evse_uid / connector_id may be `#NA` for a reservation not yet bound to an
 * EVSE (ocpi-notes §1.6). A missing total_cost does not mean free of charge.
 */
const sessionFields = () => ({
  country_code: CountryCodeSchema,
  party_id: PartyIdSchema,
  id: IdSchema,
  start_date_time: DateTimeSchema,
  end_date_time: z.optional(DateTimeSchema),
  kwh: z.number(),
  cdr_token: CdrTokenSchema,
  auth_method: AuthMethodSchema,
  authorization_reference: z.optional(ciString(36)),
  location_id: IdSchema,
  evse_uid: IdSchema,
  connector_id: IdSchema,
  meter_id: z.optional(ocpiString(255)),
  currency: CurrencySchema,
  charging_periods: z.optional(z.array(ChargingPeriodSchema)),
  total_cost: z.optional(PriceSchema),
  status: SessionStatusSchema,
  last_updated: DateTimeSchema,
});
export const SessionSchema = ocpiObject(sessionFields);
export type Session = z.infer<typeof SessionSchema>;

/**
 * Session PATCH (sessions §9.2.2.3): any subset of fields, `last_updated` mandatory (2.2+). Charging
 * periods in a PATCH are appended by the receiver, not replaced; that is not the schema's business.
 */
export const SessionPatchSchema = ocpiPatch(sessionFields);
export type SessionPatch = z.infer<typeof SessionPatchSchema>;
