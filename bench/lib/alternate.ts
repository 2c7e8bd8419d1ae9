/**
 * Runs every variant once per round, rotating which goes first, so slow drifts of a shared, noisy
 * machine (other processes, JIT warm-up, GC) hit all variants alike instead of whichever ran last.
 */
export async function alternate<V extends string, T>(
  rounds: number,
  variants: readonly V[],
  measure: (variant: V, round: number) => Promise<T>,
): Promise<Record<V, T[]>> {
  const out = Object.fromEntries(variants.map((v) => [v, [] as T[]])) as Record<V, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length] as V;
      out[variant].push(await measure(variant, round));
    }
  }
  return out;
}
