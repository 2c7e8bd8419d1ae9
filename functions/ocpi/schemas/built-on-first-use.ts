/**
 * A schema that is built the first time anything touches it (a parse, a `.check()`, zod reading it as a
 * field of an object being parsed), then kept: the module that declares it does no zod work at import.
 *
 * Why: building a zod schema is not free (every instance gets its own bound methods and internals, about
 * 40 µs each while the code is still cold), and the OCPI vocabulary declares a few hundred of them at
 * module top level, enums and primitives included, so a Lambda's cold start paid for all of them before
 * its first request, which parses a handful (bench/README.md, lambda-bundles). `z.lazy` does not help
 * there: the lazy wrapper is itself a full zod instance. This is a plain proxy until first use; after
 * that every property read goes to the built schema, so callers see a schema of exactly type `T`.
 */
export function builtOnFirstUse<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => {
    built ??= build();
    return built;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      // A proxy may not report a non-configurable property its (empty) target lacks.
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
