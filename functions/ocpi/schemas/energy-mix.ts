import { z } from 'zod';
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
export const EnergySourceCategorySchema = z.enum(ENERGY_SOURCE_CATEGORIES);
export type EnergySourceCategory = z.infer<typeof EnergySourceCategorySchema>;

export const ENVIRONMENTAL_IMPACT_CATEGORIES = ['NUCLEAR_WASTE', 'CARBON_DIOXIDE'] as const;
export const EnvironmentalImpactCategorySchema = z.enum(ENVIRONMENTAL_IMPACT_CATEGORIES);
export type EnvironmentalImpactCategory = z.infer<typeof EnvironmentalImpactCategorySchema>;

/** EnergySource (locations §8.4.7): share of one source, in percent. */
export const EnergySourceSchema = z.looseObject({
  source: EnergySourceCategorySchema,
  percentage: z.number(),
});
export type EnergySource = z.infer<typeof EnergySourceSchema>;

/** EnvironmentalImpact (locations §8.4.9): amount in g/kWh. */
export const EnvironmentalImpactSchema = z.looseObject({
  category: EnvironmentalImpactCategorySchema,
  amount: z.number(),
});
export type EnvironmentalImpact = z.infer<typeof EnvironmentalImpactSchema>;

/** EnergyMix (locations §8.4.6), used by Location and Tariff. */
export const EnergyMixSchema = z.looseObject({
  is_green_energy: z.boolean(),
  energy_sources: z.array(EnergySourceSchema).optional(),
  environ_impact: z.array(EnvironmentalImpactSchema).optional(),
  supplier_name: ocpiString(64).optional(),
  energy_product_name: ocpiString(64).optional(),
});
export type EnergyMix = z.infer<typeof EnergyMixSchema>;
