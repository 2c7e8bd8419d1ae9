import type { EnergyMix } from '../../schemas/energy-mix';
import type { EnergyMix211 } from '../schemas/energy-mix';

/** EnergyMix: only EnvironmentalImpact differs, its category field is `category` in 2.2.1, `source` in 2.1.1. */
export function energyMixTo211(mix: EnergyMix): EnergyMix211 {
  const { environ_impact, ...rest } = mix;
  if (environ_impact === undefined) return rest as EnergyMix211;
  return {
    ...rest,
    environ_impact: environ_impact.map(({ category, ...impact }) => ({ ...impact, source: category })),
  } as EnergyMix211;
}

export function energyMixTo221(mix: EnergyMix211): EnergyMix {
  const { environ_impact, ...rest } = mix;
  if (environ_impact === undefined) return rest as EnergyMix;
  return {
    ...rest,
    environ_impact: environ_impact.map(({ source, ...impact }) => ({ ...impact, category: source })),
  } as EnergyMix;
}
