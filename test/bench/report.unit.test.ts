import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ResultRecord,
  readResults,
  reports,
  SUMMARY_END,
  SUMMARY_START,
  summaryTable,
  updatedBenchReadme,
  updatedReadme,
} from '../../bench/report';

const result = (
  name: string,
  goals: ResultRecord['goals'],
  extra: Partial<ResultRecord> = {},
): ResultRecord => ({
  name,
  date: '2026-12-01T20:17:00.062Z',
  machine: { loadAverage1m: 9.34 },
  available: true,
  tables: [{ columns: ['query', 'p50 ms'], rows: [['first page', 10.8]] }],
  goals,
  ...extra,
});

describe('the benchmark report', () => {
  it('matches the committed READMEs: run npm run bench:report after changing bench/results', () => {
    // Act
    const generated = reports();

    // Assess
    for (const [path, current, expected] of generated) expect(current, path).toBe(expected);
  });

  it('gives every goal a row with its figure, target and whether it was met', () => {
    // Prepare
    const results = [
      result('pull-at-scale', [
        { name: 'date_from (1%): p50 100000/1000', target: '<= 1.5', actual: '2.03', met: false },
        { name: 'first page | ratio', target: '>= 0.5', actual: '1.1', met: true },
      ]),
      result('lambda-bundles', [], { available: false, reason: 'failed: esbuild' }),
    ];

    // Act
    const lines = summaryTable(results).split('\n');

    // Assess
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(
      /^\| pull-at-scale +\| date_from \(1%\): p50 100000\/1000 +\| 2\.03 +\| ≤ 1\.5 +\| \*\*missed\*\* +\| 2026-12-01, load 9\.34 +\|$/,
    );
    expect(lines[3]).toMatch(/\| first page \\\| ratio +\| 1\.1 +\| ≥ 0\.5 +\| met +\|/);
    expect(lines[4]).toMatch(/^\| lambda-bundles +\| not available +\| failed: esbuild +\|/);
  });

  it('replaces only the generated blocks and keeps the prose around them', () => {
    // Prepare
    const results = [result('pull-at-scale', [{ name: 'g', target: '<= 1.5', actual: '1.2', met: true }])];
    const readme = `# Hub\n\nprose before\n\n${SUMMARY_START}\nold table\n${SUMMARY_END}\n\nprose after\n`;
    const benchReadme =
      'intro\n<!-- bench-report:tables pull-at-scale -->\n| old |\n<!-- /bench-report:tables -->\noutro\n';

    // Act
    const newReadme = updatedReadme(readme, results);
    const newBenchReadme = updatedBenchReadme(benchReadme, results);

    // Assess
    expect(newReadme).toBe(
      `# Hub\n\nprose before\n\n${SUMMARY_START}\n${summaryTable(results)}\n${SUMMARY_END}\n\nprose after\n`,
    );
    expect(newBenchReadme).toContain(
      'intro\n<!-- bench-report:tables pull-at-scale -->\n| query      | p50 ms |\n',
    );
    expect(newBenchReadme).toContain('| first page | 10.8   |\n<!-- /bench-report:tables -->\noutro\n');
    expect(updatedReadme(newReadme, results)).toBe(newReadme);
  });

  it('refuses a README without the summary block and a tables block of a benchmark without a result', () => {
    // Act
    const noBlock = () => updatedReadme('# Hub\n', []);
    const unknown = () =>
      updatedBenchReadme('<!-- bench-report:tables nope -->\n<!-- /bench-report:tables -->\n', []);

    // Assess
    expect(noBlock).toThrow(/README.md has no <!-- bench-report:summary/);
    expect(unknown).toThrow(/tables of nope, which has no result/);
  });

  it('reads only benchmark results: not a baseline copy nor the attack suite figures', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    const record = result('delivery-pipeline', []);
    writeFileSync(join(dir, 'delivery-pipeline.json'), JSON.stringify(record));
    writeFileSync(join(dir, 'delivery-pipeline.before.json'), JSON.stringify(record));
    writeFileSync(join(dir, 'attack-suite.json'), JSON.stringify({ parts: [] }));
    writeFileSync(join(dir, 'notes.md'), '# not json');

    // Act
    const found = readResults(dir);

    // Assess
    expect(found.map((r) => r.name)).toEqual(['delivery-pipeline']);
  });
});
