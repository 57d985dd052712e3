import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // No test asserts on wall-clock time (speed is checked in CPU time: test/support/cpu.ts);
    // these limits only end a hung test. A machine running four other CPU-bound processes
    // on two cores stretches a 60 s test several-fold, so they are far above any real run.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    // Renderers load 10–20 MB fonts; two workers match the two cores.
    pool: 'forks',
    maxWorkers: 2,
    // Each test file is a short process, like a build: the same optimisation budget as
    // bin/jianbao.js (less background TurboFan work that a short run never earns back).
    // JIANBAO_TEST_V8_DEFAULTS=1 leaves V8's defaults (to compare).
    execArgv: process.env.JIANBAO_TEST_V8_DEFAULTS ? [] : ['--interrupt-budget=135168'],
    // Never the host's fonts: tests that need installed fonts point this at test/fixtures/fonts.
    env: { JIANBAO_FONT_DIRS: '' },
    // JIANBAO_TEST_CPU=FILE: one line of CPU time per test file (test/support/cpu-report.ts)
    setupFiles: ['test/support/cpu-report.ts'],
  },
});
