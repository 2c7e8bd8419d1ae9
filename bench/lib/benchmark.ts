import type { LoadClient } from './load-client';

/** One goal from issue #6, checked against the measured figure. */
export interface Goal {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface BenchTable {
  title?: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

export type BenchOutcome =
  | {
      available: true;
      tables: BenchTable[];
      goals: Goal[];
      /** Everything measured, in the shape the benchmark chose (rounds included). */
      figures: Record<string, unknown>;
      notes: string[];
    }
  | { available: false; reason: string };

/** What a benchmark may use: started on first use, stopped after it (the load generator after the run). */
export interface BenchContext {
  /** DynamoDB Local, in memory, started on first use and stopped after the benchmark. */
  dynamoEndpoint(): Promise<string>;
  /** The load generator child process. */
  load(): Promise<LoadClient>;
  progress(message: string): void;
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}

export const notAvailable = (reason: string): BenchOutcome => ({ available: false, reason });

export function goal(name: string, target: string, actual: number, limit: number, atMost: boolean): Goal {
  const met = Number.isFinite(actual) && (atMost ? actual <= limit : actual >= limit);
  return { name, target, actual: Number.isFinite(actual) ? String(actual) : 'n/a', met };
}
