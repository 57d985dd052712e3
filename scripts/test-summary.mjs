// Print the plain closing line CI reads ("tests: N passed, N failed, N skipped")
// from vitest's JSON report. Usage: node scripts/test-summary.mjs <report.json>
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(0);
}
const failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
process.stdout.write(`tests: ${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
