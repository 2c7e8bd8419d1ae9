import * as z from 'zod/mini';
import { closedEnum, openEnum } from './enums';
import { ocpiObject } from './objects';
import { ocpiString } from './primitives';

export const ENERGY_SOURCE_CATEGORIES = [
  'NUCLEAR',
  'GENERAL_FOSSIL',
  'COAL',
  'GAS',
  'GENERAL_GREEN',
  'SOLAR',
  'WIND',
  'WATER',
] as const;
export const EnergySourceCategorySchema = closedEnum(ENERGY_SOURCE_CATEGORIES);
export type EnergySourceCategory = z.infer<typeof EnergySourceCategorySchema>;

export const ENVIRONMENTAL_IMPACT_CATEGORIES = ['NUCLEAR_WASTE', 'CARBON_DIOXIDE'] as const;
export const EnvironmentalImpactCategorySchema = openEnum(ENVIRONMENTAL_IMPACT_CATEGORIES);
export type EnvironmentalImpactCategory = z.infer<typeof EnvironmentalImpactCategorySchema>;

/** EnergySource (locations §8.4.7): share of one source, in percent. */
export const EnergySourceSchema = ocpiObject(() => ({
  source: EnergySourceCategorySchema,
  percentage: z.number(),
}));
export type EnergySource = z.infer<typeof EnergySourceSchema>;

/** EnvironmentalImpact (locations §8.4.9): amount in g/kWh. */
export const EnvironmentalImpactSchema = ocpiObject(() => ({
  category: EnvironmentalImpactCategorySchema,
  amount: z.number(),
}));
export type EnvironmentalImpact = z.infer<typeof EnvironmentalImpactSchema>;

/** EnergyMix (locations §8.4.6), used by Location and Tariff. */
export const EnergyMixSchema = ocpiObject(() => ({
  is_green_energy: z.boolean(),
  energy_sources: z.optional(z.array(EnergySourceSchema)),
  environ_impact: z.optional(z.array(EnvironmentalImpactSchema)),
  supplier_name: z.optional(ocpiString(64)),
  energy_product_name: z.optional(ocpiString(64)),
}));
export type EnergyMix = z.infer<typeof EnergyMixSchema>;
