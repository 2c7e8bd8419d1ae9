import { defineConfig } from 'vitest/config';

/**
 * Unit tests need neither DynamoDB Local nor a running hub: the protocol, the outbound client, the
 * simulated partners' self-tests, the docs, and every `*.unit.test.ts`. `npm run test:unit` runs them
 * alone; `npm test` runs them with the integration tests.
 */
const UNIT_TESTS = [
  'test/ocpi/**/*.test.ts',
  'test/outbound/**/*.test.ts',
  'test/aws/**/*.test.ts',
  'test/partners-selftest/**/*.test.ts',
  'test/docs/**/*.test.ts',
  'test/**/*.unit.test.ts',
];

export default defineConfig({
  test: {
    // Node 20 is supported here; the SDK's notice about its future Node 22 floor is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Child processes rather than worker threads: test files start servers and JVMs and must not
    // share process-wide state (signal handlers, env) with each other.
    pool: 'forks',
    // The machine has 2 cores, shared with DynamoDB Local's JVM.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_TESTS,
          // Pure tests share one module cache per worker: importing the schemas and the hub once
          // instead of once per file is most of the unit run's time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: UNIT_TESTS,
          // Integration tests share 2 cores with DynamoDB Local, simulated partners and child hubs; one
          // retry keeps a starved machine from failing the run, and `.ci/run` names every test that
          // needed it (a test that fails twice still fails).
          retry: 1,
          // One DynamoDB Local for the run; only the integration tests need it. The attack suite's
          // figures table is merged and printed once the run ends.
          globalSetup: ['test/support/global-setup.ts', 'test/security/support/figures-report.ts'],
        },
      },
    ],
  },
});
