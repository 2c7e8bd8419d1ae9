import * as z from 'zod/mini';
import { builtOnFirstUse } from './built-on-first-use';
import { CdrLocationSchema } from './cdr-location';
import { AuthMethodSchema, CdrTokenSchema } from './cdr-token';
import { ChargingPeriodSchema } from './charging-period';
import { nonEmptyList, ocpiObject } from './objects';
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
import { SignedDataSchema } from './signed-data';
import { TariffSchema } from './tariff';

/** A normal CDR id SHALL fit 36 characters; the 3 extra of CiString(39) are for credit ids (`-C`). */
export const MAX_NON_CREDIT_CDR_ID_LENGTH = 36;

/**
 * CDR (cdrs §10.3.1): final and immutable; corrections are a Credit CDR with a new id, `credit: true`,
 * `credit_reference_id` = the original id and negated costs. Energy in kWh, times in hours.
 */
export const CDRSchema = builtOnFirstUse(() =>
  ocpiObject(() => ({
    country_code: CountryCodeSchema,
    party_id: PartyIdSchema,
    id: ciString(39),
    start_date_time: DateTimeSchema,
    end_date_time: DateTimeSchema,
    session_id: z.optional(IdSchema),
    cdr_token: CdrTokenSchema,
    auth_method: AuthMethodSchema,
    authorization_reference: z.optional(ciString(36)),
    cdr_location: CdrLocationSchema,
    meter_id: z.optional(ocpiString(255)),
    currency: CurrencySchema,
    tariffs: z.optional(z.array(TariffSchema)),
    charging_periods: nonEmptyList(ChargingPeriodSchema),
    signed_data: z.optional(SignedDataSchema),
    total_cost: PriceSchema,
    total_fixed_cost: z.optional(PriceSchema),
    total_energy: z.number(),
    total_energy_cost: z.optional(PriceSchema),
    total_time: z.number(),
    total_time_cost: z.optional(PriceSchema),
    total_parking_time: z.optional(z.number()),
    total_parking_cost: z.optional(PriceSchema),
    total_reservation_cost: z.optional(PriceSchema),
    remark: z.optional(ocpiString(255)),
    invoice_reference_id: z.optional(ciString(39)),
    credit: z.optional(z.boolean()),
    credit_reference_id: z.optional(ciString(39)),
    home_charging_compensation: z.optional(z.boolean()),
    last_updated: DateTimeSchema,
  })).check(
    z.superRefine((cdr, ctx) => {
      if (cdr.credit === true && cdr.credit_reference_id === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'is required when credit is true',
          path: ['credit_reference_id'],
        });
      }
      if (cdr.credit !== true && cdr.id.length > MAX_NON_CREDIT_CDR_ID_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          message: `must be at most ${MAX_NON_CREDIT_CDR_ID_LENGTH} characters unless the CDR is a credit CDR`,
          path: ['id'],
        });
      }
    }),
  ),
);
export type CDR = z.infer<typeof CDRSchema>;
