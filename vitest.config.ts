import { defineConfig } from 'vitest/config';

/**
 * Test files that must start in a fresh process: they replace a module (`vi.mock`), spy on
 * the file system or the process (Node warns only once per process), or count process-wide
 * reads (fontBytesRead), so a module or cache another file already loaded would change what
 * they see. Every other file runs in a shared worker process (`isolate: false`): pdfmake,
 * the fonts and the pipeline's modules are loaded once per worker instead of once per file.
 * test/core/isolation.test.ts fails when such a file is missing from this list.
 */
export const ISOLATED = [
  'test/ingest/robust.test.ts',
  'test/robustness/templates.test.ts',
  'test/pdf/fonts-read.test.ts',
  'test/leaks/pdf-access.test.ts',
  'test/robustness/loader.test.ts',
];

const shared = {
  // No test asserts on wall-clock time (speed is checked in CPU time: test/support/cpu.ts);
  // these limits only end a hung test. A machine running four other CPU-bound processes
  // on two cores stretches a 60 s test several-fold, so they are far above any real run.
  testTimeout: 900_000,
  hookTimeout: 900_000,
  pool: 'forks' as const,
  // Each worker is a short process, like a build: the same optimisation budget as
  // bin/jianbao.js (less background TurboFan work that a short run never earns back).
  // JIANBAO_TEST_V8_DEFAULTS=1 leaves V8's defaults (to compare).
  execArgv: process.env.JIANBAO_TEST_V8_DEFAULTS ? [] : ['--interrupt-budget=135168'],
  // Never the host's fonts: tests that need installed fonts point this at test/fixtures/fonts.
  env: { JIANBAO_FONT_DIRS: '' },
  // JIANBAO_TEST_CPU=FILE: one line of CPU time per test file (test/support/cpu-report.ts)
  setupFiles: ['test/support/cpu-report.ts'],
};

export default defineConfig({
  test: {
    // Renderers load 10–20 MB fonts; two workers match the two cores.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { ...shared, name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false },
      },
      {
        extends: true,
        test: { ...shared, name: 'isolated', include: ISOLATED, isolate: true },
      },
    ],
  },
});
