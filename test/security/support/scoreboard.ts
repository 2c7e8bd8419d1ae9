import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What one attack came to. `refused`: the hub refused it, as it must. `served`: the hub served it,
 * as it must (a grace-window token on a functional module, a generated body that is valid).
 * `failed`: the hub did something wrong (accepted what it must refuse, answered 5xx or without its
 * envelope, showed a stack trace, leaked, connected where it must not).
 */
export type Verdict = { outcome: 'refused' } | { outcome: 'served' } | { outcome: 'failed'; why: string };

export const REFUSED: Verdict = { outcome: 'refused' };
export const SERVED: Verdict = { outcome: 'served' };
export const failed = (why: string): Verdict => ({ outcome: 'failed', why });

export interface Figures {
  tried: number;
  refused: number;
  failed: number;
}

export interface CategoryFigures extends Figures {
  category: string;
  /** The test file's part of a category split over several files. */
  part?: string;
  description: string;
  groups: Record<string, Figures>;
  /** The first failures, `group: attack: why`. */
  failures: string[];
}

/** Where each category file writes its figures during a run (git-ignored); see figures-report.ts. */
export const RUN_DIR = join(import.meta.dirname, '..', '..', '..', 'bench', 'results', '.attack-run');

const KEPT_FAILURES = 40;

/** The figures of one attack category: tried / refused / failed, per group of attacks. */
export class Scoreboard {
  private readonly groups = new Map<string, Figures>();
  private readonly failureLines: string[] = [];

  /** `part`: a category split over several test files saves one file each; the report adds them up. */
  constructor(
    readonly category: string,
    readonly description: string,
    readonly part?: string,
  ) {}

  record(group: string, attack: string, verdict: Verdict): Verdict {
    const figures = this.groups.get(group) ?? { tried: 0, refused: 0, failed: 0 };
    figures.tried++;
    if (verdict.outcome === 'refused') figures.refused++;
    if (verdict.outcome === 'failed') {
      figures.failed++;
      this.failureLines.push(`${group}: ${attack}: ${verdict.why}`);
    }
    this.groups.set(group, figures);
    return verdict;
  }

  /** The failures of one group (or of all), for the assertion that makes the test fail. */
  failures(group?: string): string[] {
    return this.failureLines.filter((line) => group === undefined || line.startsWith(`${group}: `));
  }

  tried(group: string): number {
    return this.groups.get(group)?.tried ?? 0;
  }

  figures(): CategoryFigures {
    const total = { tried: 0, refused: 0, failed: 0 };
    for (const f of this.groups.values()) {
      total.tried += f.tried;
      total.refused += f.refused;
      total.failed += f.failed;
    }
    return {
      category: this.category,
      ...(this.part ? { part: this.part } : {}),
      description: this.description,
      ...total,
      groups: Object.fromEntries(this.groups),
      failures: this.failureLines.slice(0, KEPT_FAILURES),
    };
  }

  /** Written after the category's last test; the global teardown merges the files of the run. */
  save(): void {
    mkdirSync(RUN_DIR, { recursive: true });
    const name = this.part ? `${this.category}--${this.part}` : this.category;
    writeFileSync(join(RUN_DIR, `${name}.json`), `${JSON.stringify(this.figures(), null, 2)}\n`);
  }
}
