/**
 * What the CLI prints: human-readable tables and fields, or with `--json` the hub's answer as it came
 * (one JSON document on stdout, for scripts). Text from the hub (partner names, partners' error
 * messages) is shown without control characters, so an answer cannot move the operator's cursor or
 * rewrite their terminal.
 */
export interface Output {
  json: boolean;
  /** `--json`: the value as JSON; otherwise `human()` decides. */
  result(value: unknown, human: () => void): void;
  table(columns: readonly string[], rows: readonly (readonly unknown[])[]): void;
  fields(entries: readonly (readonly [string, unknown])[]): void;
  line(text: string): void;
}

const MAX_CELL = 60;

export function createOutput(json: boolean, write: (text: string) => void): Output {
  return {
    json,
    result(value, human) {
      if (json) write(`${JSON.stringify(value, null, 2)}\n`);
      else human();
    },
    table(columns, rows) {
      if (rows.length === 0) {
        write('(none)\n');
        return;
      }
      const cells = rows.map((row) => row.map((cell) => clip(shown(cell))));
      const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]?.length ?? 0)));
      const render = (row: readonly string[]) =>
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
          .join('  ')
          .trimEnd();
      write(`${[render(columns), ...cells.map(render)].join('\n')}\n`);
    },
    fields(entries) {
      const width = Math.max(...entries.map(([name]) => name.length));
      write(
        `${entries.map(([name, value]) => `${`${name}:`.padEnd(width + 2)}${shown(value)}`).join('\n')}\n`,
      );
    },
    line(text) {
      write(`${text}\n`);
    },
  };
}

/** A value as one line of plain text: `-` for nothing, no control characters. */
export function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '?');
}

const clip = (text: string) => (text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text);

/** `3725` seconds -> `1h 2m`; what an operator reads at a glance. */
export function age(seconds: unknown): string {
  if (typeof seconds !== 'number') return '-';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3600)}h`;
}
