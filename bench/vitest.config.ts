import { defineConfig } from 'vitest/config';

// The benchmark tools' own tests: slow (they generate whole corpora), so not part of `npm test`.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['bench/test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 120000,
  },
});
