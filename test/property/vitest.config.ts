import { defineConfig } from 'vitest/config';

// `npm run test:property`: the property tests with many cases and a random seed (a failure prints
// the seed to replay: AGENTOPS_LINT_PROPERTY_SEED=<seed>). `npm test` runs a fixed-seed few.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/property/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 3_600_000,
    env: { AGENTOPS_LINT_PROPERTY_RUNS: process.env.AGENTOPS_LINT_PROPERTY_RUNS ?? '300' },
  },
});
