import * as z from 'zod/mini';
import { builtOnFirstUse } from '../../schemas/built-on-first-use';
import { DisplayTextSchema } from '../../schemas/display-text';
import { TARIFF_DIMENSION_TYPES } from '../../schemas/tariff';
import { DAYS_OF_WEEK } from '../../schemas/tariff-restrictions';
import { EnergyMix211Schema } from './energy-mix';
import {
  CurrencySchema,
  closedEnum,
  DateTime211Schema,
  Id211Schema,
  IntSchema,
  nonEmptyList,
  ocpiObject,
  patch211,
  TimeOfDaySchema,
  UrlSchema,
} from './primitives';

/** PriceComponent (OCPI 2.1.1 tariffs): `price` excludes VAT; there is no `vat` field (2.2.1 adds it). */
export const PriceComponent211Schema = ocpiObject(() => ({
  type: closedEnum(TARIFF_DIMENSION_TYPES),
  price: z.number(),
  step_size: IntSchema,
}));
export type PriceComponent211 = z.infer<typeof PriceComponent211Schema>;

const LocalDateSchema = builtOnFirstUse(() =>
  z.string().check(
    z.regex(/^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, {
      message: 'must be a date YYYY-MM-DD',
    }),
  ),
);

/**
 * TariffRestrictions (OCPI 2.1.1 tariffs): 2.2.1 adds min/max_current and `reservation`; the rest is
 * unchanged (durations in seconds, local times and dates).
 */
export const TariffRestrictions211Schema = ocpiObject(() => ({
  start_time: z.optional(TimeOfDaySchema),
  end_time: z.optional(TimeOfDaySchema),
  start_date: z.optional(LocalDateSchema),
  end_date: z.optional(LocalDateSchema),
  min_kwh: z.optional(z.number()),
  max_kwh: z.optional(z.number()),
  min_power: z.optional(z.number()),
  max_power: z.optional(z.number()),
  min_duration: z.optional(IntSchema),
  max_duration: z.optional(IntSchema),
  day_of_week: z.optional(z.array(closedEnum(DAYS_OF_WEEK))),
}));
export type TariffRestrictions211 = z.infer<typeof TariffRestrictions211Schema>;

/** TariffElement (OCPI 2.1.1 tariffs). */
export const TariffElement211Schema = ocpiObject(() => ({
  price_components: nonEmptyList(PriceComponent211Schema),
  restrictions: z.optional(TariffRestrictions211Schema),
}));
export type TariffElement211 = z.infer<typeof TariffElement211Schema>;

/**
 * Tariff (OCPI 2.1.1 tariffs): no owner fields, type, min/max price or validity window. The 2.1.1 Receiver
 * interface also takes a PATCH (removed in 2.2).
 */
const tariff211Fields = () => ({
  id: Id211Schema,
  currency: CurrencySchema,
  tariff_alt_text: z.optional(z.array(DisplayTextSchema)),
  tariff_alt_url: z.optional(UrlSchema),
  elements: nonEmptyList(TariffElement211Schema),
  energy_mix: z.optional(EnergyMix211Schema),
  last_updated: DateTime211Schema,
});
export const Tariff211Schema = ocpiObject(tariff211Fields);
export type Tariff211 = z.infer<typeof Tariff211Schema>;

export const Tariff211PatchSchema = patch211(tariff211Fields);
export type Tariff211Patch = z.infer<typeof Tariff211PatchSchema>;
