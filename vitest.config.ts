import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Renderers load 10–20 MB fonts; two workers match the two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
