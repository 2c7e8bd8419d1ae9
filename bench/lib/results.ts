import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOutcome, BenchTable } from './benchmark';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export interface Machine {
  cpus: number;
  model: string;
  memGiB: number;
  node: string;
  platform: string;
  loadAverage1m: number;
}

export function machineInfo(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model.trim() ?? 'unknown',
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage1m: Math.round(loadAverage() * 100) / 100,
  };
}

function loadAverage(): number {
  try {
    return Number(execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Writes bench/results/<name>.json: the figures with the machine, date and commit they came from. */
export function writeResult(name: string, outcome: BenchOutcome, durationMs: number, machineBefore: Machine) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const record = {
    name,
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: machineBefore,
    durationS: Math.round(durationMs / 100) / 10,
    ...outcome,
  };
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

export function formatTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows.map((r) => r.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const body = [line(table.columns), rule, ...cells.slice(1).map(line)].join('\n');
  return table.title ? `${table.title}\n${body}` : body;
}

export function formatOutcome(name: string, outcome: BenchOutcome): string {
  if (!outcome.available) return `## ${name}\nnot available: ${outcome.reason}\n`;
  const parts = [`## ${name}`, ...outcome.tables.map(formatTable)];
  if (outcome.goals.length) {
    parts.push(
      outcome.goals
        .map((g) => `goal ${g.met ? 'met   ' : 'MISSED'} ${g.name}: ${g.actual} (target ${g.target})`)
        .join('\n'),
    );
  }
  if (outcome.notes.length) parts.push(outcome.notes.map((n) => `note: ${n}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}
