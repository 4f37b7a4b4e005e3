import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    env: { TZ: 'UTC' },
    // Generous: the end-to-end tests start real servers and databases on a 2-core machine; no test asserts a duration.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
