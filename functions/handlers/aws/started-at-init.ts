/**
 * Builds something (the runtime, the app) as soon as the function's module loads, during the Lambda
 * init phase, instead of inside the first request. `ready` settles when the first attempt does and
 * never rejects, so a handler can `await` it at top level: init then waits for the secret and the
 * tenant roles without failing when AWS is briefly unavailable. A failed attempt is retried by the
 * next `get()`, so one bad cold start does not poison the instance.
 */
export function startedAtInit<T>(build: () => Promise<T>): { ready: Promise<void>; get(): Promise<T> } {
  let current: Promise<T> | undefined;
  const attempt = () => {
    const started = build();
    current = started;
    started.catch(() => {
      if (current === started) current = undefined;
    });
    return started;
  };
  const first = attempt();
  return {
    ready: first.then(
      () => undefined,
      () => undefined,
    ),
    get: () => current ?? attempt(),
  };
}
