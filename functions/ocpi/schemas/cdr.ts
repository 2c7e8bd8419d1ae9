import { z } from 'zod';
import { DateTimeSchema } from '../datetime';
import { CdrLocationSchema } from './cdr-location';
import { AuthMethodSchema, CdrTokenSchema } from './cdr-token';
import { ChargingPeriodSchema } from './charging-period';
import { PriceSchema } from './price';
import {
  CountryCodeSchema,
  CurrencySchema,
  ciString,
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
export const CDRSchema = z
  .looseObject({
    country_code: CountryCodeSchema,
    party_id: PartyIdSchema,
    id: ciString(39),
    start_date_time: DateTimeSchema,
    end_date_time: DateTimeSchema,
    session_id: IdSchema.optional(),
    cdr_token: CdrTokenSchema,
    auth_method: AuthMethodSchema,
    authorization_reference: ciString(36).optional(),
    cdr_location: CdrLocationSchema,
    meter_id: ocpiString(255).optional(),
    currency: CurrencySchema,
    tariffs: z.array(TariffSchema).optional(),
    charging_periods: z.array(ChargingPeriodSchema).min(1),
    signed_data: SignedDataSchema.optional(),
    total_cost: PriceSchema,
    total_fixed_cost: PriceSchema.optional(),
    total_energy: z.number(),
    total_energy_cost: PriceSchema.optional(),
    total_time: z.number(),
    total_time_cost: PriceSchema.optional(),
    total_parking_time: z.number().optional(),
    total_parking_cost: PriceSchema.optional(),
    total_reservation_cost: PriceSchema.optional(),
    remark: ocpiString(255).optional(),
    invoice_reference_id: ciString(39).optional(),
    credit: z.boolean().optional(),
    credit_reference_id: ciString(39).optional(),
    home_charging_compensation: z.boolean().optional(),
    last_updated: DateTimeSchema,
  })
  .superRefine((cdr, ctx) => {
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
  });
export type CDR = z.infer<typeof CDRSchema>;
