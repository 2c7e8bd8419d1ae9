/** Messages between the bench process and its load generator child (load-worker.ts). */
export interface LoadRequest {
  method: string;
  /** Path and query at the origin. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadJob {
  origin: string;
  /** Sent round-robin: one request repeated, or a list of distinct ones (e.g. one PATCH per object). */
  requests: LoadRequest[];
  /** Requests in flight at once, over as many keep-alive connections. */
  concurrency: number;
  /** Measure for this long (duration mode)... */
  durationMs?: number;
  /** ...or send exactly this many requests (count mode). */
  total?: number;
  /** Unrecorded load before measuring: opens the connections and warms the JIT and caches. */
  warmupMs?: number;
  /** Report when each request (by its index in `requests`, first pass) was answered. */
  recordAnswers?: boolean;
}

export interface LoadResult {
  count: number;
  /** Responses other than 2xx, and transport errors. */
  errors: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Wall-clock time (epoch ms) when the first measured request was sent and the last answered. */
  startedAt: number;
  finishedAt: number;
  firstError?: string;
  /** With `recordAnswers`: epoch ms of each request's answer, by index in `requests`. */
  answeredAt?: number[];
}

export type ToWorker = { id: number; job: LoadJob };
export type FromWorker = { id: number; result: LoadResult } | { id: number; error: string };
