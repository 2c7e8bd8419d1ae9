import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Node 20 is supported here; the SDK's notice about its future Node 22 floor is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Child processes rather than worker threads: test files start servers and JVMs and must not
    // share process-wide state (signal handlers, env) with each other.
    pool: 'forks',
    // The machine has 2 cores, shared with DynamoDB Local's JVM.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
