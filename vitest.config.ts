import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Timeouts are wall-clock time: they catch a test that hangs, never one that is slow. CI runs on
    // 2 cores that may be shared many times over (a load of 25–30), which stretches a test of a few
    // seconds at rest past a minute; under a lower limit the suite failed there and passed at rest.
    // A test whose speed is the point bounds its CPU time (test/helpers/cpu-time.ts) or compares
    // with what the slow behaviour would take; so tests give no timeout of their own below this.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'threads',
  },
});
