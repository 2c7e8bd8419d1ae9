import * as z from 'zod/mini';
import { ENERGY_SOURCE_CATEGORIES, ENVIRONMENTAL_IMPACT_CATEGORIES } from '../../schemas/energy-mix';
import { closedEnum, ocpiObject, ocpiString, openEnum } from './primitives';

/** EnergySource (OCPI 2.1.1 locations): unchanged in 2.2.1. */
export const EnergySource211Schema = ocpiObject(() => ({
  source: closedEnum(ENERGY_SOURCE_CATEGORIES),
  percentage: z.number(),
}));

/** EnvironmentalImpact (OCPI 2.1.1 locations): the category is called `source` here, `category` in 2.2.1. */
export const EnvironmentalImpact211Schema = ocpiObject(() => ({
  source: openEnum(ENVIRONMENTAL_IMPACT_CATEGORIES),
  amount: z.number(),
}));
export type EnvironmentalImpact211 = z.infer<typeof EnvironmentalImpact211Schema>;

/** EnergyMix (OCPI 2.1.1 locations), used by Location and Tariff. */
export const EnergyMix211Schema = ocpiObject(() => ({
  is_green_energy: z.boolean(),
  energy_sources: z.optional(z.array(EnergySource211Schema)),
  environ_impact: z.optional(z.array(EnvironmentalImpact211Schema)),
  supplier_name: z.optional(ocpiString(64)),
  energy_product_name: z.optional(ocpiString(64)),
}));
export type EnergyMix211 = z.infer<typeof EnergyMix211Schema>;
