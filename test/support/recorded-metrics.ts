import type { HubMetrics } from '../../functions/metrics';

export interface RecordedCount {
  name: string;
  dimensions: Record<string, string>;
  value: number;
  properties: Record<string, string | number>;
}

/** A metrics sink that keeps every count, for assertions. */
export function recordedMetrics(): HubMetrics & {
  counts: RecordedCount[];
  total(name: string, dimensions?: Record<string, string>): number;
} {
  const counts: RecordedCount[] = [];
  return {
    counts,
    count(name, dimensions, value = 1, properties = {}) {
      counts.push({ name, dimensions: { ...dimensions }, value, properties: { ...properties } });
    },
    total(name, dimensions = {}) {
      return counts
        .filter((c) => c.name === name && Object.entries(dimensions).every(([k, v]) => c.dimensions[k] === v))
        .reduce((sum, c) => sum + c.value, 0);
    },
  };
}
