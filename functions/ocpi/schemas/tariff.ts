import { z } from 'zod';
import { DateTimeSchema } from '../datetime';
import { DisplayTextSchema } from './display-text';
import { EnergyMixSchema } from './energy-mix';
import { PriceSchema } from './price';
import {
  CountryCodeSchema,
  CurrencySchema,
  IdSchema,
  IntSchema,
  PartyIdSchema,
  UrlSchema,
} from './primitives';
import { TariffRestrictionsSchema } from './tariff-restrictions';

export const TARIFF_TYPES = [
  'AD_HOC_PAYMENT',
  'PROFILE_CHEAP',
  'PROFILE_FAST',
  'PROFILE_GREEN',
  'REGULAR',
] as const;
export const TariffTypeSchema = z.enum(TARIFF_TYPES);
export type TariffType = z.infer<typeof TariffTypeSchema>;

export const TARIFF_DIMENSION_TYPES = ['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME'] as const;
export const TariffDimensionTypeSchema = z.enum(TARIFF_DIMENSION_TYPES);
export type TariffDimensionType = z.infer<typeof TariffDimensionTypeSchema>;

/**
 * PriceComponent (tariffs §11.4.2): `price` excludes VAT; `vat` absent is not the same as 0.
 * step_size is in Wh for ENERGY and in seconds for TIME / PARKING_TIME.
 */
export const PriceComponentSchema = z.looseObject({
  type: TariffDimensionTypeSchema,
  price: z.number(),
  vat: z.number().optional(),
  step_size: IntSchema,
});
export type PriceComponent = z.infer<typeof PriceComponentSchema>;

/** TariffElement (tariffs §11.4.4): the first element whose restrictions match wins. */
export const TariffElementSchema = z.looseObject({
  price_components: z.array(PriceComponentSchema).min(1),
  restrictions: TariffRestrictionsSchema.optional(),
});
export type TariffElement = z.infer<typeof TariffElementSchema>;

/** Tariff (tariffs §11.3.1). There is no Tariff PATCH in 2.2.1 (removed in 2.2), only PUT and DELETE. */
export const TariffSchema = z.looseObject({
  country_code: CountryCodeSchema,
  party_id: PartyIdSchema,
  id: IdSchema,
  currency: CurrencySchema,
  type: TariffTypeSchema.optional(),
  tariff_alt_text: z.array(DisplayTextSchema).optional(),
  tariff_alt_url: UrlSchema.optional(),
  min_price: PriceSchema.optional(),
  max_price: PriceSchema.optional(),
  elements: z.array(TariffElementSchema).min(1),
  start_date_time: DateTimeSchema.optional(),
  end_date_time: DateTimeSchema.optional(),
  energy_mix: EnergyMixSchema.optional(),
  last_updated: DateTimeSchema,
});
export type Tariff = z.infer<typeof TariffSchema>;
