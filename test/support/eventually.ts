/** What a probe yields while the awaited state is not there yet. */
type NotYet = undefined | null | false;

/**
 * The one way tests wait for something asynchronous: polls `probe` until it yields a value (anything
 * but `undefined`, `null` or `false`) and returns that value. A probe that throws counts as "not yet";
 * on timeout the last error (or `what`) is reported. Never "sleep, then assert nothing happened":
 * wait for the event or ledger entry that proves it.
 */
export async function eventually<T>(
  probe: () => T | NotYet | Promise<T | NotYet>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value as T;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const what = opts.what ?? 'the awaited condition';
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`${what} not reached within ${timeoutMs} ms${cause}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 50));
  }
}
