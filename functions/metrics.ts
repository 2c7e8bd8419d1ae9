import type { HubLog } from './logger';
import { type DimensionsOf, HUB_METRICS, type HubMetricName, METRIC_DIMENSIONS } from './metric-names';

/**
 * The hub's counters (functions/metric-names.ts). In AWS each count is one CloudWatch Embedded
 * Metric Format line on stdout, which CloudWatch Logs turns into a metric; locally a DEBUG log line.
 */
export interface HubMetrics {
  /**
   * Adds `value` (default 1). `properties` travel with an EMF line as searchable log fields without
   * becoming dimensions (no metric of their own, so no cost per value).
   */
  count<N extends HubMetricName>(
    name: N,
    dimensions: DimensionsOf<N>,
    value?: number,
    properties?: Readonly<Record<string, string | number>>,
  ): void;
}

/**
 * EMF writer (a few lines instead of Powertools Metrics: docs/architecture.md "Cross-cutting rules"). One line
 * per count, written straight to stdout: Lambda's JSON log format wraps console output, not stdout.
 */
export function emfMetrics(write: (line: string) => void = (line) => process.stdout.write(line)): HubMetrics {
  return {
    count(name, dimensions, value = 1, properties = {}) {
      const record = {
        ...properties,
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            {
              Namespace: HUB_METRICS.namespace,
              Dimensions: [METRIC_DIMENSIONS[name]],
              Metrics: [{ Name: name, Unit: 'Count' }],
            },
          ],
        },
        ...dimensions,
        [name]: value,
      };
      write(`${JSON.stringify(record)}\n`);
    },
  };
}

/** Local mode: counts are DEBUG log lines (LOG_LEVEL=DEBUG shows them). */
export function logMetrics(log: HubLog): HubMetrics {
  return {
    count(name, dimensions, value = 1, properties = {}) {
      log.debug('metric', { ...properties, ...dimensions, metric: name, value });
    },
  };
}
