import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CategoryFigures, RUN_DIR } from './scoreboard';

/** The categories in the order of the table (issue #10, "Our own attack suite"). */
export const CATEGORY_ORDER = ['authentication', 'isolation', 'input', 'ssrf', 'secrets', 'rate-limits'];

const RESULTS_DIR = join(import.meta.dirname, '..', '..', '..', 'bench', 'results');
const LATEST_JSON = join(RESULTS_DIR, 'attack-suite.json');
const LATEST_MD = join(RESULTS_DIR, 'attack-suite.md');

/**
 * Vitest global setup of the attack suite's figures: each category file (or part of a category) writes
 * its figures under bench/results/.attack-run/ when it ends; after the whole run this merges the parts that ran into
 * bench/results/attack-suite.json (the others keep their last figures), writes attack-suite.md and prints the table.
 * The files hold no time or duration, so a run that changes no figure changes no file.
 */
export default function setup(): () => void {
  const startedAt = Date.now();
  return function reportAttackFigures() {
    const ran = readRunFiles(startedAt);
    if (ran.length === 0) return;
    const merged = new Map<string, CategoryFigures>();
    for (const figures of [...readLatest(), ...ran]) merged.set(partName(figures), figures);
    const parts = [...merged.values()].sort((a, b) => partName(a).localeCompare(partName(b)));
    writeIfChanged(LATEST_JSON, `${JSON.stringify({ parts }, null, 2)}\n`);
    const categories = addUpParts(parts).sort(
      (a, b) => rank(a.category) - rank(b.category) || a.category.localeCompare(b.category),
    );
    const markdown = figuresMarkdown(categories);
    writeIfChanged(LATEST_MD, markdown);
    const ranNames = new Set(ran.map(partName));
    console.log(`\nAttack suite figures (categories run now: ${[...ranNames].join(', ')}):\n`);
    console.log(summaryTable(categories));
    for (const figures of ran) {
      for (const line of figures.failures.slice(0, 10)) console.log(`  FAILED ${figures.category}: ${line}`);
    }
    console.log('');
  };
}

function rank(category: string): number {
  const index = CATEGORY_ORDER.indexOf(category);
  return index === -1 ? CATEGORY_ORDER.length : index;
}

const partName = (f: CategoryFigures) => (f.part ? `${f.category}--${f.part}` : f.category);

/** The figures the category files wrote during this run. */
function readRunFiles(since: number): CategoryFigures[] {
  if (!existsSync(RUN_DIR)) return [];
  return readdirSync(RUN_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(RUN_DIR, name))
    .filter((path) => statSync(path).mtimeMs >= since)
    .map((path) => JSON.parse(readFileSync(path, 'utf8')) as CategoryFigures);
}

/** One row per category: the parts of a split category added up. */
function addUpParts(parts: CategoryFigures[]): CategoryFigures[] {
  const byCategory = new Map<string, CategoryFigures>();
  for (const part of parts) {
    const sum = byCategory.get(part.category);
    if (!sum) {
      const { part: _part, ...whole } = part;
      byCategory.set(part.category, { ...whole, groups: { ...part.groups }, failures: [...part.failures] });
      continue;
    }
    sum.tried += part.tried;
    sum.refused += part.refused;
    sum.failed += part.failed;
    sum.groups = { ...sum.groups, ...part.groups };
    sum.failures = [...sum.failures, ...part.failures];
  }
  return [...byCategory.values()];
}

function readLatest(): CategoryFigures[] {
  if (!existsSync(LATEST_JSON)) return [];
  return (JSON.parse(readFileSync(LATEST_JSON, 'utf8')) as { parts?: CategoryFigures[] }).parts ?? [];
}

function writeIfChanged(path: string, content: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return;
  writeFileSync(path, content);
}

/** category -> tried / refused / failed, the table the README's Security section shows. */
export function summaryTable(categories: CategoryFigures[]): string {
  const rows = categories.map(
    (f) => `| ${f.category} | ${f.tried} | ${f.refused} | ${f.failed} | ${f.description} |`,
  );
  return ['| category | tried | refused | failed | what |', '|---|---:|---:|---:|---|', ...rows].join('\n');
}

function figuresMarkdown(categories: CategoryFigures[]): string {
  const parts = [
    '# Attack suite: latest figures',
    '',
    'Written by `test/security/` (see the README, "Security"). tried = attacks sent; refused = the hub',
    'refused them as it must; failed = the hub did something wrong (accepted what it must refuse,',
    'answered 5xx or without its envelope, leaked, connected where it must not). tried - refused - failed',
    'are attacks the hub rightly served (a grace-window token on a functional module, a generated body',
    'that happens to be valid).',
    '',
    summaryTable(categories),
    '',
  ];
  for (const f of categories) {
    parts.push(`## ${f.category}`, '', '| attacks | tried | refused | failed |', '|---|---:|---:|---:|');
    for (const [group, g] of Object.entries(f.groups))
      parts.push(`| ${group} | ${g.tried} | ${g.refused} | ${g.failed} |`);
    if (f.failures.length > 0) {
      parts.push('', 'Failures (first ones):', '');
      for (const line of f.failures) parts.push(`- ${line.replace(/\|/g, '\\|')}`);
    }
    parts.push('');
  }
  return parts.join('\n');
}
