import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchTable, Goal } from './lib/benchmark';
import { RESULTS_DIR } from './lib/results';

/**
 * Rebuilds the generated parts of the READMEs from `bench/results/*.json`, so the figures shown are
 * the figures measured (issue #14): the README's Performance summary (one row per goal of every
 * benchmark) and, in bench/README.md, each benchmark's tables where a marker asks for them. Prose
 * around them stays hand-written. `npm run bench` runs it after writing its results;
 * `npm run bench:report` runs it alone; a unit test fails when the committed READMEs differ from it.
 */

/** What bench/lib/results.ts writes (writeResult): the fields the report reads. */
export interface ResultRecord {
  name: string;
  date: string;
  machine: { loadAverage1m: number };
  available: boolean;
  reason?: string;
  tables?: BenchTable[];
  goals?: Goal[];
}

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

export const SUMMARY_START =
  '<!-- bench-report:summary (generated from bench/results/*.json by `npm run bench:report`: edit the results, not this table) -->';
export const SUMMARY_END = '<!-- /bench-report:summary -->';
/** `<!-- bench-report:tables NAME -->` ... `<!-- /bench-report:tables -->`: NAME's tables from its result. */
const TABLES_BLOCK = /(<!-- bench-report:tables ([a-z0-9-]+) -->\n)[\s\S]*?(<!-- \/bench-report:tables -->)/g;

/**
 * The latest result of every benchmark: `results/<name>.json` whose record is that benchmark's.
 * Other files there (a `.before.json` baseline, the attack suite's figures) are not benchmark runs.
 */
export function readResults(dir = RESULTS_DIR): ResultRecord[] {
  const records: ResultRecord[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Partial<ResultRecord>;
    if (typeof record.name === 'string' && file === `${record.name}.json` && record.date && record.machine)
      records.push(record as ResultRecord);
  }
  return records;
}

/** A Markdown table as Biome formats Markdown (bench/README.md is checked by `biome ci`). */
export function markdownTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows.map((r) => r.map(String))];
  const widths = table.columns.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${widths.map((w, i) => (r[i] ?? '').padEnd(w)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  const body = [line(table.columns), rule, ...cells.slice(1).map(line)].join('\n');
  return table.title ? `${table.title}\n\n${body}` : body;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const readable = (target: string) => target.replace(/^<=/, '≤').replace(/^>=/, '≥');
const runOf = (r: ResultRecord) => `${r.date.slice(0, 10)}, load ${r.machine.loadAverage1m}`;

/** One row per goal: benchmark, what is measured, figure, goal, met or missed, and the run it is from. */
export function summaryTable(results: ResultRecord[]): string {
  const rows = results.flatMap((r): string[][] => {
    if (!r.available) return [[r.name, 'not available', cell(r.reason ?? ''), '', '', runOf(r)]];
    if (!r.goals?.length) return [[r.name, 'no goal', '', '', '', runOf(r)]];
    return r.goals.map((g) => [
      r.name,
      cell(g.name),
      g.actual,
      cell(readable(g.target)),
      g.met ? 'met' : '**missed**',
      runOf(r),
    ]);
  });
  return markdownTable({
    columns: ['benchmark', 'what', 'figure', 'goal', 'met', 'run (date, load average)'],
    rows,
  });
}

function replaceBetween(text: string, start: string, end: string, content: string, file: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`${file} has no ${start} ... ${end} block`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

/** README.md with its summary block rebuilt. */
export function updatedReadme(readme: string, results: ResultRecord[]): string {
  return replaceBetween(readme, SUMMARY_START, SUMMARY_END, summaryTable(results), 'README.md');
}

/** bench/README.md with every tables block rebuilt from its benchmark's result. */
export function updatedBenchReadme(text: string, results: ResultRecord[]): string {
  return text.replace(TABLES_BLOCK, (_all, open: string, name: string, close: string) => {
    const result = results.find((r) => r.name === name);
    if (!result) throw new Error(`bench/README.md asks for the tables of ${name}, which has no result`);
    const body = result.available
      ? (result.tables ?? []).map((t) => markdownTable(t)).join('\n\n')
      : `not available: ${result.reason ?? ''}`;
    return `${open}${body}\n${close}`;
  });
}

/** The READMEs as the results say they should be: [path, current text, generated text]. */
export function reports(root = REPO_ROOT, results = readResults(join(root, 'bench/results'))) {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const readme = read('README.md');
  const benchReadme = read('bench/README.md');
  return [
    ['README.md', readme, updatedReadme(readme, results)],
    ['bench/README.md', benchReadme, updatedBenchReadme(benchReadme, results)],
  ] as const;
}

/** Writes the READMEs that changed; returns their paths. */
export function writeReports(root = REPO_ROOT): string[] {
  const changed = reports(root).filter(([, current, generated]) => current !== generated);
  for (const [path, , generated] of changed) writeFileSync(join(root, path), generated);
  return changed.map(([path]) => path);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const changed = writeReports();
  console.log(changed.length ? `updated ${changed.join(', ')}` : 'READMEs already match bench/results');
}
