import { describe, expect, it } from 'vitest';
import { moduleOf } from '../../functions/http/middleware/request-metrics';
import { METRIC_DIMENSIONS } from '../../functions/metric-names';
import { emfMetrics } from '../../functions/metrics';

describe('EMF lines', () => {
  it('writes one JSON line per count that CloudWatch reads as a metric with its dimensions', () => {
    // Prepare
    const lines: string[] = [];
    const metrics = emfMetrics((line) => lines.push(line));
    // Act
    metrics.count('DeliveriesSent', { Tenant: 'demo' }, 3, { Partner: 'p1' });
    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    const record = JSON.parse(lines[0] as string);
    expect(record).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'OcpiHub',
            Dimensions: [['Tenant']],
            Metrics: [{ Name: 'DeliveriesSent', Unit: 'Count' }],
          },
        ],
      },
      Tenant: 'demo',
      DeliveriesSent: 3,
      Partner: 'p1',
    });
    expect(Math.abs(record._aws.Timestamp - Date.now())).toBeLessThan(5_000);
  });

  it('gives every dimension of a metric a value on its line', () => {
    // Prepare
    const lines: string[] = [];
    const metrics = emfMetrics((line) => lines.push(line));
    // Act
    metrics.count('Requests', { Api: 'ocpi', Module: 'locations', Method: 'GET', Status: '200' });
    // Assess
    const record = JSON.parse(lines[0] as string);
    for (const dimension of METRIC_DIMENSIONS.Requests) expect(typeof record[dimension]).toBe('string');
  });

  it('cannot let a property overwrite the metric or its dimensions', () => {
    // Prepare
    const lines: string[] = [];
    const metrics = emfMetrics((line) => lines.push(line));
    // Act
    metrics.count('Handshakes', { Tenant: 'demo' }, 1, { Tenant: 'other', Handshakes: 99, _aws: 'x' });
    // Assess
    const record = JSON.parse(lines[0] as string);
    expect(record.Tenant).toBe('demo');
    expect(record.Handshakes).toBe(1);
    expect(record._aws.CloudWatchMetrics[0].Namespace).toBe('OcpiHub');
  });
});

describe('the module of a request', () => {
  it.each([
    ['/demo/ocpi/versions', 'ocpi', 'versions'],
    ['/demo/ocpi/2.2.1', 'ocpi', 'versions'],
    ['/demo/ocpi/2.2.1/', 'ocpi', 'versions'],
    ['/demo/ocpi/2.2.1/credentials', 'ocpi', 'credentials'],
    ['/demo/ocpi/2.2.1/sender/locations/NL/CP1/LOC1', 'ocpi', 'locations'],
    ['/demo/ocpi/2.2.1/receiver/cdrs', 'ocpi', 'cdrs'],
    ['/demo/ocpi/2.2.1/receiver/made-up', 'ocpi', 'other'],
    ['/demo/elsewhere', 'ocpi', 'other'],
    ['/demo/admin/partners/abc/rotate', 'admin', 'partners'],
    ['/demo/admin/tokens', 'admin', 'tokens'],
    ['/demo/admin/whatever', 'admin', 'other'],
    ['/health', 'admin', 'health'],
  ] as const)('%s (%s) is %s', (path, api, module) => {
    // Assess
    expect(moduleOf(path, api)).toBe(module);
  });
});
