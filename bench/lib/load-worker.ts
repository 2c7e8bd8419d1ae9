import { Pool } from 'undici';
import type { FromWorker, LoadJob, LoadResult, ToWorker } from './load-protocol';
import { percentileOfSorted } from './stats';

/**
 * The load generator: a child process of its own, so the client's CPU is not the measured server's
 * (issue #6). A pooled undici client with one keep-alive connection per concurrent request.
 */
async function runJob(job: LoadJob): Promise<LoadResult> {
  const pool = new Pool(job.origin, { connections: job.concurrency, keepAliveTimeout: 60_000 });
  try {
    if (job.warmupMs) await drive(pool, job, { durationMs: job.warmupMs });
    return await drive(pool, job, { durationMs: job.durationMs, total: job.total });
  } finally {
    await pool.close();
  }
}

async function drive(pool: Pool, job: LoadJob, limit: { durationMs?: number; total?: number }) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const answeredAt: number[] = [];
  const startedAt = Date.now();
  const t0 = performance.now();
  const deadline = limit.durationMs === undefined ? Number.POSITIVE_INFINITY : t0 + limit.durationMs;
  const more = () => performance.now() < deadline && (limit.total === undefined || next < limit.total);

  async function lane() {
    while (more()) {
      const index = next++;
      const request = job.requests[index % job.requests.length];
      if (!request) return;
      const start = performance.now();
      let status: string;
      try {
        const res = await pool.request({ ...request, method: request.method as 'GET' });
        await res.body.arrayBuffer();
        status = String(res.statusCode);
      } catch (err) {
        status = 'transport-error';
        firstError ??= err instanceof Error ? err.message : String(err);
      }
      latencies.push(performance.now() - start);
      if (job.recordAnswers && index < job.requests.length) answeredAt[index] = Date.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!status.startsWith('2')) {
        errors++;
        firstError ??= `HTTP ${status} for ${request.method} ${request.path}`;
      }
    }
  }

  await Promise.all(Array.from({ length: job.concurrency }, lane));
  const elapsedMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    statuses,
    elapsedMs,
    rps: (latencies.length / elapsedMs) * 1000,
    p50Ms: percentileOfSorted(latencies, 50),
    p90Ms: percentileOfSorted(latencies, 90),
    p99Ms: percentileOfSorted(latencies, 99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    startedAt,
    finishedAt: Date.now(),
    ...(firstError ? { firstError } : {}),
    ...(job.recordAnswers ? { answeredAt } : {}),
  };
}

process.on('message', (message: ToWorker) => {
  runJob(message.job).then(
    (result) => process.send?.({ id: message.id, result } satisfies FromWorker),
    (err: unknown) =>
      process.send?.({
        id: message.id,
        error: err instanceof Error ? err.message : String(err),
      } satisfies FromWorker),
  );
});
process.on('disconnect', () => process.exit(0));
