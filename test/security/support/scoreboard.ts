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

/** What each attack category tries, as the figures table shows it (one line per category, however many files run it). */
const CATEGORY_DESCRIPTIONS = {
  authentication:
    'every OCPI and admin route × missing, malformed, unknown, expired, revoked, grace-window, other-tenant and token-A credentials',
  isolation:
    'tenant × party × module × method matrix, owner-field spoofing, cursor and Link reuse, tampered cursors',
  input:
    'malformed, oversized (chunked too), deep, wrong-type, prototype-key, control-character, path-traversal and long-id input; 2,000+ generated bodies over every write endpoint (the credentials POST with token A included) and every DELETE route',
  ssrf: 'loopback, private and link-local addresses in every spelling, DNS names resolving to them, other schemes, redirects and response_urls, through every URL a caller hands the hub',
  secrets:
    'every token (admin, token A, credentials tokens before and after rotations) in table dumps, log lines and answers; token UIDs in log lines',
  'rate-limits':
    'floods of bad tokens (per source address, per tenant) and of one partner; bystanders served meanwhile',
} as const;

type AttackCategory = keyof typeof CATEGORY_DESCRIPTIONS;

/** The figures of one attack category: tried / refused / failed, per group of attacks. */
export class Scoreboard {
  private readonly groups = new Map<string, Figures>();
  private readonly failureLines: string[] = [];

  readonly description: string;

  /** `part`: a category split over several test files saves one file each; the report adds them up. */
  constructor(
    readonly category: AttackCategory,
    readonly part?: string,
  ) {
    this.description = CATEGORY_DESCRIPTIONS[category];
  }

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
