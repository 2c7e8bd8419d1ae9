import * as z from 'zod/mini';
import { DisplayTextSchema } from './display-text';
import { EnergyMixSchema } from './energy-mix';
import { closedEnum } from './enums';
import { nonEmptyList, ocpiObject } from './objects';
import { PriceSchema } from './price';
import {
  CountryCodeSchema,
  CurrencySchema,
  DateTimeSchema,
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
export const TariffTypeSchema = closedEnum(TARIFF_TYPES);
export type TariffType = z.infer<typeof TariffTypeSchema>;

export const TARIFF_DIMENSION_TYPES = ['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME'] as const;
export const TariffDimensionTypeSchema = closedEnum(TARIFF_DIMENSION_TYPES);
export type TariffDimensionType = z.infer<typeof TariffDimensionTypeSchema>;

/**
 * PriceComponent (tariffs §11.4.2): `price` excludes VAT; `vat` absent is not the same as 0.
 * step_size is in Wh for ENERGY and in seconds for TIME / PARKING_TIME.
 */
export const PriceComponentSchema = ocpiObject(() => ({
  type: TariffDimensionTypeSchema,
  price: z.number(),
  vat: z.optional(z.number()),
  step_size: IntSchema,
}));
export type PriceComponent = z.infer<typeof PriceComponentSchema>;

/** TariffElement (tariffs §11.4.4): the first element whose restrictions match wins. */
export const TariffElementSchema = ocpiObject(() => ({
  price_components: nonEmptyList(PriceComponentSchema),
  restrictions: z.optional(TariffRestrictionsSchema),
}));
export type TariffElement = z.infer<typeof TariffElementSchema>;

/** Tariff (tariffs §11.3.1). There is no Tariff PATCH in 2.2.1 (removed in 2.2), only PUT and DELETE. */
export const TariffSchema = ocpiObject(() => ({
  country_code: CountryCodeSchema,
  party_id: PartyIdSchema,
  id: IdSchema,
  currency: CurrencySchema,
  type: z.optional(TariffTypeSchema),
  tariff_alt_text: z.optional(z.array(DisplayTextSchema)),
  tariff_alt_url: z.optional(UrlSchema),
  min_price: z.optional(PriceSchema),
  max_price: z.optional(PriceSchema),
  elements: nonEmptyList(TariffElementSchema),
  start_date_time: z.optional(DateTimeSchema),
  end_date_time: z.optional(DateTimeSchema),
  energy_mix: z.optional(EnergyMixSchema),
  last_updated: DateTimeSchema,
}));
export type Tariff = z.infer<typeof TariffSchema>;
